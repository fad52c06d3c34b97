using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Volunteering.Tests;

public sealed class VolunteeringTests(VolunteeringFixture fixture) : IClassFixture<VolunteeringFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task A_volunteer_is_one_person_with_consent_and_their_phone_and_ID_number_stay_here()
    {
        var idNumber = VolunteeringFixture.NextIdNumber();
        var id = await Admin.Create("/api/volunteering/volunteers", new { source = "ownersCommittee", name = "张业主", communityId = fixture.Weibin, idNumber, consent = true, phone = "13800001111" });
        var again = await Admin.Http.PostAsJsonAsync("/api/volunteering/volunteers", new { source = "gridWorker", name = "张业主", communityId = fixture.Weibin, idNumber, consent = true });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.EndsWith(id.ToString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("existing").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.Http.PostAsJsonAsync("/api/volunteering/volunteers",
            new { source = "gridWorker", name = "未同意", communityId = fixture.Weibin, idNumber = VolunteeringFixture.NextIdNumber(), consent = false })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.Http.PostAsJsonAsync("/api/volunteering/volunteers",
            new { source = "partyMember", name = "无编号", communityId = fixture.Weibin, idNumber = VolunteeringFixture.NextIdNumber(), consent = true })).StatusCode);

        var record = await Admin.Get($"/api/volunteering/volunteers/{id}");
        Assert.DoesNotContain("13800001111", record.GetRawText());
        Assert.DoesNotContain(idNumber[..14], record.GetRawText());
        Assert.Equal(idNumber[^4..], record.GetProperty("idNumberTail").GetString());
        Assert.Equal("13800001111", (await Admin.Get($"/api/volunteering/volunteers/{id}/contact")).GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Admin.Http.GetAsync($"/api/volunteering/volunteers?communityId={fixture.Weibin}")).StatusCode);
        // Name and the ID number's last four: the record, the list and the contact are each an audited read.
        var reads = (await Admin.Get("/api/volunteering/personal-data-reads?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("what").GetString()).ToList();
        Assert.Contains("volunteer contact", reads);
        Assert.Contains("volunteer", reads);
        Assert.Contains("volunteers", reads);
    }

    [Fact]
    public async Task Hours_are_the_time_on_site_stars_follow_the_record_and_the_certificate_verifies()
    {
        var leader = await fixture.Volunteer("马晓红");
        var member = await fixture.Volunteer("李红梅", "partyMember");
        var team = await Admin.Create("/api/volunteering/teams", new { communityId = fixture.Weibin, name = "渭滨社区红色物业志愿服务队", leaderId = leader });
        await Admin.Change($"/api/volunteering/teams/{team}/members", new { volunteerId = member }, 2);
        Assert.Equal(["gridWorker", "partyMember"], (await Admin.Get($"/api/volunteering/teams/{team}")).GetProperty("members").EnumerateArray().Select(m => m.GetProperty("source").GetString()!).ToArray());

        var activity = await Admin.Create("/api/volunteering/activities", new
        {
            type = "stairwellAdverts",
            title = "清理楼道小广告",
            estateId = fixture.WeibinEstate,
            teamId = team,
            startsAt = "2022-05-14T08:30:00+08:00",
            endsAt = "2022-05-14T11:30:00+08:00",
            capacity = 1,
        });
        var path = $"/api/volunteering/activities/{activity}";
        var version = await Admin.Change($"{path}/sign-ups", new { volunteerId = leader }, 1);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/sign-ups", new { volunteerId = member }, version)).StatusCode); // full
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/check-outs", new { volunteerId = leader }, version)).StatusCode);
        version = await Admin.Change($"{path}/check-ins", new { volunteerId = leader, at = "2022-05-14T08:25:00+08:00" }, version);
        version = await Admin.Change($"{path}/check-outs", new { volunteerId = leader, at = "2022-05-14T11:10:00+08:00" }, version);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.Post($"{path}/held", new { heldOn = "2022-05-14", outcomes = new Dictionary<string, int> { ["clutterLoads"] = 2 } }, version)).StatusCode);
        fixture.AdvanceTo(new DateTimeOffset(2022, 5, 14, 12, 0, 0, TimeSpan.FromHours(8)));
        await Admin.Change($"{path}/held", new { heldOn = "2022-05-14", outcomes = new Dictionary<string, int> { ["advertsRemoved"] = 46 } }, version);

        var held = await Admin.Get(path);
        Assert.Equal(2.7m, held.GetProperty("hours").GetDecimal()); // 08:25 to 11:10 on site
        Assert.Equal(46, held.GetProperty("outcomes").GetProperty("advertsRemoved").GetInt32());
        var record = await Admin.Get($"/api/volunteering/volunteers/{leader}");
        Assert.Equal(2.7m, record.GetProperty("hours").GetDecimal());
        Assert.Equal(0, record.GetProperty("stars").GetInt32());

        var certificate = await Admin.Get($"/api/volunteering/volunteers/{leader}/certificate");
        var anyone = fixture.Host.CreateClient().WithToken(null);
        var query = $"volunteerId={leader}&hours={certificate.GetProperty("hours").GetDecimal()}&stars=0&issuedOn={certificate.GetProperty("issuedOn").GetString()}";
        Assert.True((await anyone.GetFromJsonAsync<JsonElement>($"/api/volunteering/certificates/verify?{query}&code={certificate.GetProperty("code").GetString()}")).GetProperty("valid").GetBoolean());
        Assert.False((await anyone.GetFromJsonAsync<JsonElement>($"/api/volunteering/certificates/verify?volunteerId={leader}&hours=150&stars=1&issuedOn={certificate.GetProperty("issuedOn").GetString()}&code={certificate.GetProperty("code").GetString()}")).GetProperty("valid").GetBoolean());
    }


    [Fact]
    public async Task A_community_s_staff_reach_their_own_community_only()
    {
        var weibinVolunteer = await fixture.Volunteer("渭滨志愿者");
        var qiaonan = new ApiClient(fixture.Host.CreateClient().WithToken(await fixture.System.Identity.TokenAsync(Roles.CommunityStaff, community: fixture.Qiaonan.ToString())));

        Assert.Equal(HttpStatusCode.NotFound, (await qiaonan.Http.GetAsync($"/api/volunteering/volunteers/{weibinVolunteer}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qiaonan.Http.GetAsync($"/api/volunteering/volunteers/{weibinVolunteer}/contact")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qiaonan.Http.PostAsJsonAsync("/api/volunteering/volunteers",
            new { source = "gridWorker", name = "越界", communityId = fixture.Weibin, idNumber = VolunteeringFixture.NextIdNumber(), consent = true })).StatusCode);
        var own = await qiaonan.Create("/api/volunteering/volunteers", new { source = "gridWorker", name = "桥南网格员", communityId = fixture.Qiaonan, idNumber = VolunteeringFixture.NextIdNumber(), consent = true });
        Assert.Equal("桥南网格员", (await qiaonan.Get($"/api/volunteering/volunteers/{own}")).GetProperty("name").GetString());
        var listed = await qiaonan.Get("/api/volunteering/volunteers?pageSize=500");
        Assert.All(listed.GetProperty("items").EnumerateArray(), v => Assert.Equal(fixture.Qiaonan, v.GetProperty("communityId").GetGuid()));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetGuid() == own);
        Assert.Equal(0, (await qiaonan.Get($"/api/volunteering/volunteers?communityId={fixture.Weibin}")).GetProperty("total").GetInt32());
        Assert.Contains((await Admin.Get($"/api/volunteering/volunteers?communityId={fixture.Weibin}&source=gridWorker&pageSize=500")).GetProperty("items").EnumerateArray(),
            v => v.GetProperty("id").GetGuid() == weibinVolunteer);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.Http.GetAsync("/api/volunteering/volunteers?source=alien")).StatusCode);
        var dispute = await Admin.Create("/api/volunteering/disputes", new { communityId = fixture.Weibin, parties = new[] { "甲", "乙" }, summary = "渭滨的纠纷", source = "walkIn" });
        Assert.Equal(HttpStatusCode.NotFound, (await qiaonan.Post($"/api/volunteering/disputes/{dispute}/triage", new { accept = true }, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qiaonan.Http.GetAsync($"/api/volunteering/disputes/{dispute}/parties")).StatusCode);
        Assert.Equal(0, (await qiaonan.Get("/api/volunteering/disputes")).GetProperty("items").EnumerateArray().Count(d => d.GetProperty("id").GetGuid() == dispute));
        Assert.Contains((await Admin.Get("/api/volunteering/disputes?status=registered&pageSize=500")).GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == dispute);
    }
}
