using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.Complaints;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Evaluation.V1;

namespace RedProperty.Evaluation.Tests.Complaints;

public sealed class ComplaintsApiTests(ComplaintsFixture fixture) : IClassFixture<ComplaintsFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task A_complaint_goes_from_filed_to_closed_with_its_whole_history()
    {
        var id = await fixture.File();
        var filed = await fixture.Complaint(id);
        Assert.Equal("filed", filed.GetProperty("status").GetString());
        Assert.Equal(fixture.Hongyuan, filed.GetProperty("companyId").GetGuid());
        Assert.Equal(fixture.Beidaobu, filed.GetProperty("location").GetProperty("communityId").GetGuid());
        Assert.Equal("王**", filed.GetProperty("complainantMasked").GetString());
        Assert.DoesNotContain("13893800123", filed.GetRawText());

        var path = $"/api/evaluation/complaints/{id}";
        var version = await Admin.Change($"{path}/acceptance", new { note = "属实，楼道确有垃圾" }, 1);
        version = await Admin.Change($"{path}/assignment", new { }, version);
        var company = new ApiClient(await fixture.As(Roles.CompanyUser, company: fixture.Hongyuan));
        version = await company.Change($"{path}/response", new { response = "已安排保洁员当日清运" }, version);
        version = await Admin.Change($"{path}/resolution", new { note = "社区现场核实已清运" }, version);
        version = await Admin.Change($"{path}/reopening", new { reason = "居民反映次日又堆满" }, version);
        version = await Admin.Change($"{path}/assignment", new { }, version);
        version = await Admin.Change($"{path}/resolution", new { note = "复查已清运，加装提示牌" }, version);
        version = await Admin.Change($"{path}/satisfaction", new { score = 4, comment = "比较满意" }, version);
        await Admin.Change($"{path}/closure", new { note = "回访满意，结案" }, version);

        var closed = await fixture.Complaint(id);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(4, closed.GetProperty("satisfaction").GetInt32());
        Assert.Equal(
            ["filed", "accepted", "assigned", "responded", "resolved", "reopened", "assigned", "resolved", "closed"],
            closed.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()!).ToArray());
        Assert.Equal("回访满意，结案", closed.GetProperty("statusNotes").GetString());
    }

    [Fact]
    public async Task A_step_the_status_does_not_allow_is_409_and_a_stale_version_412()
    {
        var id = await fixture.File();
        var path = $"/api/evaluation/complaints/{id}";

        var early = await Admin.Post($"{path}/resolution", new { note = "已处理" }, 1);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("Filed", (await ComplaintsFixture.Json(early)).GetProperty("detail").GetString());

        await Admin.Change($"{path}/acceptance", new { }, 1);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Admin.Post($"{path}/assignment", new { }, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Admin.Post($"{path}/assignment", new { }, null)).StatusCode);
        Assert.Equal("accepted", (await fixture.Complaint(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_estates_and_companies_and_bad_fields_are_400_naming_the_field()
    {
        async Task<JsonElement> Refused(object body)
        {
            var response = await Admin.Http.PostAsJsonAsync("/api/evaluation/complaints", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            return (await ComplaintsFixture.Json(response)).GetProperty("errors");
        }

        Assert.True((await Refused(new { serviceCode = "sanitation", description = "脏", estateId = Guid.NewGuid() })).TryGetProperty("estateId", out _));
        Assert.True((await Refused(new { serviceCode = "sanitation", description = "脏", estateId = fixture.JinxiuGarden, companyId = Guid.NewGuid() })).TryGetProperty("companyId", out _));
        Assert.True((await Refused(new { serviceCode = "noise", description = "吵", address = "麦积区" })).TryGetProperty("serviceCode", out _));
        Assert.True((await Refused(new { serviceCode = "sanitation", description = "脏" })).TryGetProperty("estateId", out _));
        Assert.True((await Refused(new { serviceCode = "sanitation", description = "脏", address = "麦积区", complainant = new { phone = "not a phone" } })).TryGetProperty("complainant.phone", out _));

        var accepted = await fixture.File();
        var response = await Admin.Post($"/api/evaluation/complaints/{accepted}/ruling", new { ruling = "duplicate", reason = "重复" }, 1);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ComplaintsFixture.Json(response)).GetProperty("errors").TryGetProperty("duplicateOf", out _));
    }

    [Fact]
    public async Task A_company_sees_and_answers_only_its_own_complaints_with_the_complainant_masked()
    {
        var ours = await fixture.File();
        var theirs = await fixture.File(fixture.QiaonanEstate, "桥南小区门禁坏了一周");
        await Admin.Change($"/api/evaluation/complaints/{ours}/assignment", new { }, await Admin.Change($"/api/evaluation/complaints/{ours}/acceptance", new { }, 1));
        var company = new ApiClient(await fixture.As(Roles.CompanyUser, company: fixture.Hongyuan));

        Assert.Equal(HttpStatusCode.NotFound, (await company.Http.GetAsync($"/api/evaluation/complaints/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.Post($"/api/evaluation/complaints/{theirs}/response", new { response = "不是我们的" }, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.Http.GetAsync($"/api/evaluation/complaints/{ours}/complainant")).StatusCode);

        var page = await company.Get("/api/evaluation/complaints?pageSize=500");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, c => c.GetProperty("id").GetGuid() == ours);
        Assert.All(items, c => Assert.Equal(fixture.Hongyuan, c.GetProperty("companyId").GetGuid()));
        Assert.DoesNotContain("13893800123", page.GetRawText());
        Assert.DoesNotContain("王建国", page.GetRawText());
    }

    [Fact]
    public async Task A_communitys_staff_see_their_communitys_complaints_and_the_contact_read_is_audited()
    {
        var ours = await fixture.File();
        var theirs = await fixture.File(fixture.QiaonanEstate, "桥南小区绿化带被毁");
        var staff = new ApiClient(await fixture.As(Roles.CommunityStaff, community: fixture.Beidaobu.ToString()));

        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync($"/api/evaluation/complaints/{theirs}/complainant")).StatusCode);
        var contact = await staff.Get($"/api/evaluation/complaints/{ours}/complainant");
        Assert.Equal("13893800123", contact.GetProperty("phone").GetString());
        Assert.Equal("王建国", contact.GetProperty("name").GetString());

        Assert.Contains((await staff.Get("/api/evaluation/complaints?status=filed&pageSize=500")).GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == ours);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.Http.GetAsync("/api/evaluation/complaints?status=lost")).StatusCode);
        var listed = await staff.Get($"/api/evaluation/complaints?communityId={fixture.Qiaonan}");
        Assert.Equal(0, listed.GetProperty("total").GetInt32());

        var elsewhere = await staff.Http.PostAsJsonAsync("/api/evaluation/complaints", new { serviceCode = "greening", description = "绿化带被毁", estateId = fixture.QiaonanEstate });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        await staff.Create("/api/evaluation/complaints", new { serviceCode = "greening", description = "锦绣花园绿化带被毁", estateId = fixture.JinxiuGarden });

        var reads = await Admin.Get("/api/evaluation/personal-data-reads?pageSize=500");
        Assert.Contains(reads.GetProperty("items").EnumerateArray(), r =>
            r.GetProperty("what").GetString() == "complainant" && r.GetProperty("request").GetString()!.Contains(ours.ToString()));
    }

    [Fact]
    public async Task The_complainant_is_sealed_in_the_event_and_erased_on_request_while_the_complaint_still_counts()
    {
        var id = await fixture.File(deviceId: "device-erase-1");
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<ComplaintFiled> Filed()
        {
            await using var session = store.QuerySession();
            return (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<ComplaintFiled>().Single();
        }

        // Sealed under the complaint's own key from the start: the event does not hold the phone or the name.
        var sealedEvent = await Filed();
        Assert.True(BuildingBlocks.EventStore.PersonalData.IsSealed(sealedEvent.Complainant.Phone));
        Assert.DoesNotContain("13893800123", JsonSerializer.Serialize(sealedEvent));
        Assert.DoesNotContain("王建国", JsonSerializer.Serialize(sealedEvent));
        Assert.Equal("13893800123", (await Admin.Get($"/api/evaluation/complaints/{id}/complainant")).GetProperty("phone").GetString());

        var company = (await fixture.Complaint(id)).GetProperty("companyId").GetGuid();
        var before = (await Admin.Get($"/api/evaluation/complaints?companyId={company}&pageSize=500")).GetProperty("total").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.Http.PostAsync($"/api/evaluation/complaints/{id}/complainant/erasure", null)).StatusCode);

        var contact = await Admin.Get($"/api/evaluation/complaints/{id}/complainant");
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, contact.GetProperty("name").GetString());
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, contact.GetProperty("phone").GetString());
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, (await fixture.Complaint(id)).GetProperty("complainantMasked").GetString());
        Assert.Equal(before, (await Admin.Get($"/api/evaluation/complaints?companyId={company}&pageSize=500")).GetProperty("total").GetInt32());
        // The erasure is appended at the stream's own version: the complaint's ETag stays its version, so a change made with it goes through.
        using (var read = await Admin.Http.GetAsync($"/api/evaluation/complaints/{id}"))
        await using (var session = store.QuerySession())
        {
            Assert.Equal($"\"{(await session.Events.FetchStreamStateAsync(id))!.Version}\"", read.Headers.ETag!.Tag);
        }

        // The event is overwritten too, and a rebuild of the read models cannot bring it back.
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, (await Filed()).Complainant.Phone);
        await store.Advanced.RebuildSingleStreamAsync<ComplaintContact>(id);
        Assert.Equal(BuildingBlocks.EventStore.PersonalData.Erased, (await Admin.Get($"/api/evaluation/complaints/{id}/complainant")).GetProperty("name").GetString());
        Assert.Contains((await Admin.Get("/api/evaluation/audit?kind=change")).GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("what").GetString() == "erasure: complainant" && e.GetProperty("request").GetString()!.Contains(id.ToString()));
    }

    [Fact]
    public async Task A_communitys_staff_cannot_move_a_complaint_to_another_communitys_estate_or_company()
    {
        var staff = new ApiClient(await fixture.As(Roles.CommunityStaff, community: fixture.Beidaobu.ToString()));
        var complaint = await fixture.File(description: "8号楼单元门禁损坏");
        var path = $"/api/evaluation/complaints/{complaint}";

        var toTheirEstate = await staff.Post($"{path}/acceptance", new { estateId = fixture.QiaonanEstate }, 1);
        Assert.Equal(HttpStatusCode.BadRequest, toTheirEstate.StatusCode);
        Assert.Contains("estateId", await toTheirEstate.Content.ReadAsStringAsync());
        var toTheirCompany = await staff.Post($"{path}/acceptance", new { companyId = fixture.JinxiuCompany }, 1);
        Assert.Equal(HttpStatusCode.BadRequest, toTheirCompany.StatusCode);
        Assert.Contains("companyId", await toTheirCompany.Content.ReadAsStringAsync());

        var version = await staff.Change($"{path}/acceptance", new { companyId = fixture.Hongyuan }, 1);
        var assigned = await staff.Post($"{path}/assignment", new { companyId = fixture.JinxiuCompany }, version);
        Assert.Equal(HttpStatusCode.BadRequest, assigned.StatusCode);
        Assert.Equal(fixture.Hongyuan, (await fixture.Complaint(complaint)).GetProperty("companyId").GetGuid());

        // The district's admins may still hand it to any company.
        await Admin.Change($"{path}/assignment", new { companyId = fixture.JinxiuCompany }, version);
        Assert.Equal(fixture.JinxiuCompany, (await fixture.Complaint(complaint)).GetProperty("companyId").GetGuid());
    }

    [Fact]
    public async Task The_same_device_and_submission_the_same_day_files_once()
    {
        var first = await fixture.File(deviceId: "device-6b1f", description: "5号楼楼道小广告贴满墙");
        var again = await Admin.Http.PostAsJsonAsync("/api/evaluation/complaints", new
        {
            serviceCode = "sanitation",
            description = "5号楼楼道小广告贴满墙",
            estateId = fixture.JinxiuGarden,
            complainant = new { name = "王建国", phone = "13893800123", email = "wangjg@example.cn", deviceId = "device-6b1f" },
            attributes = new Dictionary<string, string> { ["area"] = "stairwell" },
        });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, (await ComplaintsFixture.Json(again)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_complaint_left_unresolved_past_72_hours_is_overdue_once_and_a_resolved_one_is_not()
    {
        var late = await fixture.File(description: "6号楼楼道灯坏了没人修");
        var resolved = await fixture.File(description: "7号楼楼道杂物");
        var path = $"/api/evaluation/complaints/{resolved}";
        var version = await Admin.Change($"{path}/acceptance", new { }, 1);
        version = await Admin.Change($"{path}/assignment", new { }, version);
        await Admin.Change($"{path}/resolution", new { note = "已清理" }, version);

        fixture.Time.Advance(TimeSpan.FromHours(73));

        var overdue = await Eventually.Get(async () => (await fixture.Complaint(late)) is var c && c.GetProperty("overdue").GetBoolean() ? c : (JsonElement?)null,
            what: "the complaint marked overdue");
        Assert.Equal(2, overdue!.Value.GetProperty("version").GetInt64());
        Assert.False((await fixture.Complaint(resolved)).GetProperty("overdue").GetBoolean());
        // Another pass (another instance, or the next minute) raises nothing again.
        await OverdueComplaints.RaiseAsync(fixture.Host.Services.GetRequiredService<IDocumentStore>(), fixture.Time.GetUtcNow().AddHours(1), CancellationToken.None);
        Assert.Equal(2, (await fixture.Complaint(late)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_filed_complaint_reaches_outside_systems_as_plain_json_without_the_complainant()
    {
        await fixture.System.Broker.BindQueueAsync(V1.ComplaintFiled.MessageName, "outside-complaints");
        var id = await fixture.File(description: "8号楼楼道小广告");

        var published = await Eventually.Get(async () =>
            (await fixture.System.Broker.PeekAsync("outside-complaints")).FirstOrDefault(m => m.Payload.Contains(id.ToString())),
            what: "the complaint's event in the outside queue");

        var message = JsonDocument.Parse(published.Payload).RootElement.GetProperty("message");
        Assert.Equal(fixture.Hongyuan, message.GetProperty("companyId").GetGuid());
        Assert.Equal(fixture.Beidaobu, message.GetProperty("communityId").GetGuid());
        Assert.Equal("sanitation", message.GetProperty("serviceCode").GetString());
        foreach (var personal in new[] { "13893800123", "wangjg@example.cn", "王建国", "8号楼楼道小广告" })
        {
            Assert.DoesNotContain(personal, published.Payload);
        }
    }
}
