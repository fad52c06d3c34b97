using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Consultation.Tests;

public sealed class CommitteesTests(ConsultationFixture fixture) : IClassFixture<ConsultationFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task Twenty_nine_company_heads_serve_concurrently_as_the_seed_says_and_only_heads_may()
    {
        var committee = await Admin.Create("/api/consultation/committees", new { communityId = fixture.Qiaonan, name = "桥南社区大党委", termFrom = "2021-07-01", termTo = "2026-06-30" });
        var version = 1L;
        version = await Admin.Change($"/api/consultation/committees/{committee}/members", new { name = "王芳", position = "secretary", from = "2021-07-01" }, version);
        var heads = new List<Guid>();
        for (var i = 0; i < 29; i++)
        {
            var head = await fixture.Head($"负责人{i + 1:D2}", i % 2 == 0 ? fixture.Hongyuan : fixture.Jinxiu, i % 3 == 0 ? "legalRepresentative" : "generalManager");
            heads.Add(head);
            version = await Admin.Change($"/api/consultation/committees/{committee}/members", new { name = $"负责人{i + 1:D2}", position = "member", from = "2022-03-01", partyMemberId = head }, version);
        }

        var staff = await fixture.Head("普通员工", fixture.Hongyuan, "staff");
        var refused = await Admin.Post($"/api/consultation/committees/{committee}/members", new { name = "普通员工", position = "member", from = "2022-03-01", partyMemberId = staff }, version);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("does not head", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var unknown = await Admin.Post($"/api/consultation/committees/{committee}/members", new { name = "谁", position = "member", from = "2022-03-01", partyMemberId = Guid.NewGuid() }, version);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var twice = await Admin.Post($"/api/consultation/committees/{committee}/members", new { name = "负责人01", position = "member", from = "2022-04-01", partyMemberId = heads[0] }, version);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var secondSecretary = await Admin.Post($"/api/consultation/committees/{committee}/members", new { name = "李四", position = "secretary", from = "2022-01-01" }, version);
        Assert.Equal(HttpStatusCode.Conflict, secondSecretary.StatusCode);

        Assert.Equal(29, (await Admin.Get("/api/consultation/summary?asOf=2022-06-01")).GetProperty("concurrentCompanyHeads").GetInt32());
        Assert.Equal(0, (await Admin.Get("/api/consultation/summary?asOf=2022-02-28")).GetProperty("concurrentCompanyHeads").GetInt32());
        Assert.Equal(29, (await Admin.Get($"/api/consultation/concurrent-company-heads?communityId={fixture.Qiaonan}")).GetArrayLength());

        // Their names: the community's own staff (another community's see none of them, whatever they ask) and the auditor, each read recorded.
        var qiaonanStaff = new ApiClient(await fixture.As(Roles.CommunityStaff, community: fixture.Qiaonan.ToString()));
        Assert.Equal(29, (await qiaonanStaff.Get("/api/consultation/concurrent-company-heads")).GetArrayLength());
        var weibinStaff = new ApiClient(await fixture.As(Roles.CommunityStaff, community: fixture.Weibin.ToString()));
        Assert.Equal(0, (await weibinStaff.Get($"/api/consultation/concurrent-company-heads?communityId={fixture.Qiaonan}")).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.As(Roles.IntegrationClient)).GetAsync("/api/consultation/concurrent-company-heads")).StatusCode);
        var reads = (await Admin.Get("/api/consultation/personal-data-reads?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, reads.Count(r => r.GetProperty("what").GetString() == "concurrent company heads"
                                         && r.GetProperty("roles").EnumerateArray().Any(role => role.GetString() == Roles.CommunityStaff)));

        // One leaves the committee at the end of May: 28 from June.
        var appointment = (await Admin.Get($"/api/consultation/committees/{committee}")).GetProperty("appointments").EnumerateArray()
            .First(a => a.TryGetProperty("partyMemberId", out var m) && m.ValueKind == JsonValueKind.String && m.GetGuid() == heads[0]).GetProperty("id").GetGuid();
        await Admin.Change($"/api/consultation/committees/{committee}/members/{appointment}/end", new { on = "2022-05-31" }, version);
        Assert.Equal(28, (await Admin.Get("/api/consultation/summary?asOf=2022-06-01")).GetProperty("concurrentCompanyHeads").GetInt32());
        Assert.Equal(29, (await Admin.Get("/api/consultation/summary?asOf=2022-05-31")).GetProperty("concurrentCompanyHeads").GetInt32());
    }

    [Fact]
    public async Task One_committee_per_community_and_a_community_s_staff_reach_only_their_own()
    {
        var first = await Admin.Create("/api/consultation/committees", new { communityId = fixture.Weibin, name = "渭滨社区大党委", termFrom = "2021-07-01", termTo = "2026-06-30" });
        var again = await Admin.Http.PostAsJsonAsync("/api/consultation/committees", new { communityId = fixture.Weibin, name = "又一个", termFrom = "2021-07-01", termTo = "2026-06-30" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.EndsWith(first.ToString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("existing").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.Http.PostAsJsonAsync("/api/consultation/committees",
            new { communityId = Guid.NewGuid(), name = "无此社区", termFrom = "2021-07-01", termTo = "2026-06-30" })).StatusCode);

        var qiaonanStaff = new ApiClient(await fixture.As(Roles.CommunityStaff, community: fixture.Qiaonan.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await qiaonanStaff.Http.GetAsync($"/api/consultation/committees/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qiaonanStaff.Post($"/api/consultation/committees/{first}/members", new { name = "外人", position = "member", from = "2022-01-01" }, 1)).StatusCode);
        var weibinStaff = new ApiClient(await fixture.As(Roles.CommunityStaff, community: fixture.Weibin.ToString()));
        Assert.Equal(first, (await weibinStaff.Get($"/api/consultation/committees/{first}")).GetProperty("id").GetGuid());
        // Its members' names: the read is recorded.
        Assert.Contains((await Admin.Get("/api/consultation/personal-data-reads?pageSize=200")).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("what").GetString() == "committee members" && r.GetProperty("request").GetString()!.EndsWith(first.ToString(), StringComparison.Ordinal));
        var outside = await Admin.Post($"/api/consultation/committees/{first}/members", new { name = "任期外", position = "member", from = "2020-01-01" }, 1);
        Assert.Equal(HttpStatusCode.Conflict, outside.StatusCode);
    }
}
