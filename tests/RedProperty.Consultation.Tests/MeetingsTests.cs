using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Consultation.Tests;

/// <summary>Joint meetings from convening to action items.</summary>
public sealed class MeetingsTests(ConsultationFixture fixture) : IClassFixture<ConsultationFixture>
{
    private ApiClient Admin => fixture.Admin;

    internal static async Task<(Guid Residents, Guid Owners, Guid Company, Guid Unit)> Parties(ConsultationFixture fixture, Guid community, string name)
    {
        var residents = await fixture.Admin.Create("/api/consultation/parties", new { kind = "residentsCommittee", name = $"{name}居委会", communityId = community });
        var owners = await fixture.Admin.Create("/api/consultation/parties", new
        {
            kind = "ownersCommittee",
            name = $"{name}小区业委会",
            communityId = community,
            contacts = new[] { new { name = "张业主", role = "主任", phone = "13893800777" } }
        });
        var company = await fixture.Admin.Create("/api/consultation/parties", new { kind = "propertyCompany", name = "红苑物业", communityId = community, companyId = fixture.Hongyuan });
        var unit = await fixture.Admin.Create("/api/consultation/parties", new { kind = "localUnit", name = "麦积区供电所", communityId = community });
        return (residents, owners, company, unit);
    }

    // An item proposed by another service's event is appended to the waiting meeting without its version in hand;
    // the ETag read afterwards must still be the meeting's real version, or the next change is refused with 412.
    [Fact]
    public async Task After_an_item_is_proposed_by_an_event_the_meetings_ETag_is_its_version_and_a_change_with_it_succeeds()
    {
        var meeting = await Admin.Create("/api/consultation/meetings", new { communityId = fixture.Weibin, title = "2022年7月党建联席会议", at = "2099-07-08T09:30:00+08:00", place = "渭滨社区党群服务中心", convener = "渭滨社区党委书记 李明" });
        var path = $"/api/consultation/meetings/{meeting}";
        await fixture.Publish(new RedProperty.Contracts.Volunteering.V1.DisputeEscalated(Guid.CreateVersion7(), fixture.Weibin, "噪音纠纷三次调解未果", new DateOnly(2022, 6, 1), fixture.Time.GetUtcNow()));
        await Eventually.True(async () => (await Admin.Get(path)).GetProperty("agenda").GetArrayLength() == 1, what: "the escalated dispute on the waiting meeting's agenda");

        using var read = await Admin.Http.GetAsync(path);
        var etag = long.Parse(read.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, etag); // convened, then the item added
        await Admin.Change($"{path}/agenda", new { title = "楼道堆物清理", proposer = "渭滨居委会" }, etag);
    }

    [Fact]
    public async Task A_meeting_needs_a_quorum_decides_its_items_and_an_adopted_resolution_s_action_is_followed_to_completion()
    {
        var (residents, owners, company, unit) = await Parties(fixture, fixture.Qiaonan, "桥南");
        var meeting = await Admin.Create("/api/consultation/meetings", new { communityId = fixture.Qiaonan, title = "2022年6月党建联席会议", at = "2022-06-10T09:30:00+08:00", place = "桥南社区党群服务中心", convener = "桥南社区党委书记 王芳" });
        var path = $"/api/consultation/meetings/{meeting}";
        var version = await Admin.Change($"{path}/invitations", new { partyIds = new[] { residents, owners, company, unit } }, 1);
        version = await Admin.Change($"{path}/agenda", new { title = "楼道堆物清理", proposer = "桥南居委会", description = "居民反映楼道杂物堵塞消防通道" }, version);
        var item = (await Admin.Get(path)).GetProperty("agenda")[0].GetProperty("id").GetGuid();
        version = await Admin.Change($"{path}/agenda", new { title = "清理分工", proposer = "红苑物业", parentId = item }, version);

        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/agenda/{item}/decision", new { outcome = "adopted", reasoning = "早了", consensus = true }, version)).StatusCode);
        version = await Admin.Change($"{path}/attendance", new { partyId = residents, present = true, representative = "李主任" }, version);
        fixture.AdvanceTo(new DateTimeOffset(2022, 6, 10, 12, 0, 0, TimeSpan.FromHours(8)));
        var noQuorum = await Admin.Post($"{path}/held", new { heldOn = "2022-06-10", minutes = "只到一方" }, version);
        Assert.Equal(HttpStatusCode.Conflict, noQuorum.StatusCode);
        Assert.Contains("quorum", (await noQuorum.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var stranger = await Admin.Create("/api/consultation/parties", new { kind = "localUnit", name = "渭滨某单位", communityId = fixture.Weibin });
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/attendance", new { partyId = stranger, present = true }, version)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/invitations", new { partyIds = new[] { stranger } }, version)).StatusCode);

        version = await Admin.Change($"{path}/attendance", new { partyId = company, present = true, representative = "赵经理" }, version);
        version = await Admin.Change($"{path}/held", new { heldOn = "2022-06-10", minutes = "议定楼道清理由物业牵头，志愿服务队配合。", visibility = "participants" }, version);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/agenda/{item}/decision", new { outcome = "adopted", reasoning = "多数反对", votesFor = 1, votesAgainst = 3 }, version)).StatusCode);
        version = await Admin.Change($"{path}/agenda/{item}/decision", new { outcome = "adopted", reasoning = "物业牵头，一周内清理完毕", votesFor = 4, votesAgainst = 0, abstentions = 0 }, version);
        var sub = (await Admin.Get(path)).GetProperty("agenda")[1].GetProperty("id").GetGuid();
        version = await Admin.Change($"{path}/agenda/{sub}/decision", new { outcome = "deferred", reasoning = "下次会议再议", consensus = true }, version);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Http.PostAsJsonAsync($"{path}/agenda/{sub}/actions", new { ownerPartyId = company, title = "x", dueOn = "2022-06-20" })).StatusCode);

        var action = await Admin.Create($"{path}/agenda/{item}/actions", new { ownerPartyId = company, title = "清理3号楼楼道杂物", dueOn = "2022-06-17" });
        var late = await Admin.Create($"{path}/agenda/{item}/actions", new { ownerPartyId = residents, title = "张贴楼道管理公约", dueOn = "2022-06-12" });
        var progress = await Admin.Change($"/api/consultation/actions/{action}/progress", new { progress = 60, note = "已清理1至4单元" }, 1);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"/api/consultation/actions/{action}/progress", new { progress = 40 }, progress)).StatusCode);
        progress = await Admin.Change($"/api/consultation/actions/{action}/progress", new { progress = 100, note = "全部清理完毕" }, progress);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"/api/consultation/actions/{action}/progress", new { progress = 100 }, progress)).StatusCode);

        fixture.AdvanceTo(new DateTimeOffset(2022, 6, 13, 9, 0, 0, TimeSpan.FromHours(8)));
        fixture.Time.Advance(TimeSpan.FromMinutes(2)); // the overdue check runs every minute of the clock
        await Eventually.True(async () => (await Admin.Get($"/api/consultation/actions/{late}")).GetProperty("overdue").GetBoolean(), what: "the late action item overdue");
        Assert.False((await Admin.Get($"/api/consultation/actions/{action}")).GetProperty("overdue").GetBoolean());

        var summary = await Admin.Get("/api/consultation/summary?asOf=2022-06-13");
        Assert.Equal(1, summary.GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(1, summary.GetProperty("resolutionsAdopted").GetInt32());
        Assert.Equal(1, summary.GetProperty("actionItemsOpen").GetInt32());
        Assert.Equal(1, summary.GetProperty("actionItemsOverdue").GetInt32());
        Assert.Equal(0, (await Admin.Get("/api/consultation/summary?asOf=2022-06-09")).GetProperty("meetingsHeld").GetInt32());

        // The minutes were for the participants: the organisers read them, an auditor does not.
        Assert.StartsWith("议定", (await Admin.Get(path)).GetProperty("minutes").GetString());
        var auditor = new ApiClient(await fixture.As(Roles.Auditor));
        Assert.Equal(JsonValueKind.Null, (await auditor.Get(path)).GetProperty("minutes").ValueKind);
    }

    [Fact]
    public async Task Party_contacts_are_personal_data_read_by_organisers_only_and_audited()
    {
        var (_, owners, _, _) = await Parties(fixture, fixture.Qiaonan, "桥南二");
        Assert.False((await Admin.Get($"/api/consultation/parties/{owners}")).TryGetProperty("contacts", out _));
        var contacts = await Admin.Get($"/api/consultation/parties/{owners}/contacts");
        Assert.Equal("13893800777", contacts.GetProperty("contacts")[0].GetProperty("phone").GetString());
        var auditor = await fixture.As(Roles.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/consultation/parties/{owners}/contacts")).StatusCode);
        var reads = await Admin.Get("/api/consultation/personal-data-reads");
        Assert.Contains(reads.GetProperty("items").EnumerateArray(), r => r.GetProperty("what").GetString() == "party contacts");
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.Http.PostAsJsonAsync("/api/consultation/parties",
            new { kind = "propertyCompany", name = "无编号物业", communityId = fixture.Qiaonan })).StatusCode);
    }

    [Fact]
    public async Task Party_contacts_are_sealed_in_the_event_and_erased_on_request_with_their_roles_kept()
    {
        var (_, owners, _, _) = await Parties(fixture, fixture.Qiaonan, "桥南三");
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<string> Stored()
        {
            await using var session = store.QuerySession();
            return JsonSerializer.Serialize((await session.Events.FetchStreamAsync(owners))[0].Data);
        }

        Assert.DoesNotContain("13893800777", await Stored());
        Assert.DoesNotContain("张业主", await Stored());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.As(Roles.CommunityStaff, fixture.Qiaonan.ToString()))
            .PostAsync($"/api/consultation/parties/{owners}/contacts/erasure", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Http.PostAsync($"/api/consultation/parties/{owners}/contacts/erasure", null)).StatusCode);

        var contact = (await Admin.Get($"/api/consultation/parties/{owners}/contacts")).GetProperty("contacts")[0];
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, contact.GetProperty("name").GetString());
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, contact.GetProperty("phone").GetString());
        Assert.Equal("主任", contact.GetProperty("role").GetString());
        Assert.Contains(BuildingBlocks.EventStore.PersonalData.Erased, await Stored());
        await store.Advanced.RebuildSingleStreamAsync<Parties.PartyContacts>(owners);
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, (await Admin.Get($"/api/consultation/parties/{owners}/contacts")).GetProperty("contacts")[0].GetProperty("name").GetString());
    }
}
