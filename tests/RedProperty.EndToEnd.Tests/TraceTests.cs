using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.Consultation;
using RedProperty.Evaluation;
using RedProperty.Organization;
using RedProperty.Testing;
using RedProperty.Volunteering;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// Three services on the real PostgreSQL and RabbitMQ: a complaint filed in Evaluation and left
/// unresolved becomes an agenda item of its community's joint meeting in Consultation, and the trace
/// follows it to the decision and the action item done.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class TraceTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private ApiClient _organization = null!;
    private ApiClient _evaluation = null!;
    private ApiClient _consultation = null!;
    private ApiClient _volunteering = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("trace");
        // A service level of two seconds, checked every second: the complaint is overdue at once.
        var evaluation = _system.Start<EvaluationService>(("Complaints:ServiceLevel", "00:00:02"), ("Complaints:OverdueCheckEvery", "00:00:01"));
        var consultation = _system.Start<ConsultationService>();
        var volunteering = _system.Start<VolunteeringService>();
        await evaluation.ConsumersReadyAsync();
        await consultation.ConsumersReadyAsync();
        await volunteering.ConsumersReadyAsync();
        _volunteering = new ApiClient(volunteering.CreateClient());
        _organization = new ApiClient(_system.Start<OrganizationService>().CreateClient());
        _evaluation = new ApiClient(evaluation.CreateClient());
        _consultation = new ApiClient(consultation.CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task An_overdue_complaint_is_followed_from_Evaluation_to_the_joint_meeting_s_decision_and_its_action_done()
    {
        var company = await _organization.Http.RegisterCompany("天水市麦积区溯源测试物业有限公司");
        var subDistrict = await _organization.Create("/api/organization/sub-districts", new { name = "道北街道", kind = "subDistrict" });
        var community = await _organization.Create("/api/organization/communities", new { name = "北道埠社区", subDistrictId = subDistrict });
        var estate = await _organization.Create("/api/organization/estates", new { name = "锦绣花园", communityId = community, households = 820 });
        await _organization.Change($"/api/organization/estates/{estate}/service-contracts", new { companyId = company, from = "2021-01-01" }, 1);
        await Eventually.True(async () => (await _evaluation.Http.GetAsync($"/api/evaluation/estates/{estate}")).StatusCode == HttpStatusCode.OK
            && (await _consultation.Http.PostAsJsonAsync("/api/consultation/parties", new { kind = "propertyCompany", name = "溯源物业", communityId = community, companyId = company })).StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(60), "the geography in Evaluation and Consultation");

        var complaint = await _evaluation.Create("/api/evaluation/complaints", new { serviceCode = "sanitation", description = "5号楼楼道垃圾一周无人清运", estateId = estate });
        await _evaluation.Change($"/api/evaluation/complaints/{complaint}/acceptance", new { }, 1);
        var proposed = await Eventually.Get(async () =>
        {
            var response = await _consultation.Http.GetAsync($"/api/consultation/trace/{complaint}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, TimeSpan.FromSeconds(60), "the overdue complaint proposed in Consultation");
        Assert.Equal(community, proposed!.Value[0].GetProperty("communityId").GetGuid());

        var party = (await _consultation.Get($"/api/consultation/parties?communityId={community}"))[0].GetProperty("id").GetGuid();
        var residents = await _consultation.Create("/api/consultation/parties", new { kind = "residentsCommittee", name = "北道埠社区居委会", communityId = community });
        var meeting = await _consultation.Create("/api/consultation/meetings", new { communityId = community, title = "北道埠社区党建联席会议", at = DateTimeOffset.UtcNow, place = "北道埠社区", convener = "社区党委书记" });
        var path = $"/api/consultation/meetings/{meeting}";
        var details = await _consultation.Get(path);
        var item = details.GetProperty("agenda").EnumerateArray().Single(i => i.GetProperty("source").GetProperty("sourceId").GetGuid() == complaint).GetProperty("id").GetGuid();
        var version = details.GetProperty("version").GetInt64();
        version = await _consultation.Change($"{path}/invitations", new { partyIds = new[] { party, residents } }, version);
        version = await _consultation.Change($"{path}/attendance", new { partyId = party, present = true }, version);
        version = await _consultation.Change($"{path}/attendance", new { partyId = residents, present = true }, version);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");
        version = await _consultation.Change($"{path}/held", new { heldOn = today, minutes = "研究逾期投诉" }, version);
        await _consultation.Change($"{path}/agenda/{item}/decision", new { outcome = "adopted", reasoning = "物业当日清运，社区回访", consensus = true }, version);
        var action = await _consultation.Create($"{path}/agenda/{item}/actions", new { ownerPartyId = party, title = "清运5号楼楼道垃圾", dueOn = today });
        await _consultation.Change($"/api/consultation/actions/{action}/progress", new { progress = 100, note = "已清运" }, 1);

        var trace = (await _consultation.Get($"/api/consultation/trace/{complaint}"))[0];
        Assert.Equal("complaintOverdue", trace.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal(meeting, trace.GetProperty("meetingId").GetGuid());
        Assert.Equal("adopted", trace.GetProperty("outcome").GetString());
        Assert.Equal(100, trace.GetProperty("actions")[0].GetProperty("progress").GetInt32());
        Assert.Equal(today, trace.GetProperty("actions")[0].GetProperty("completedOn").GetString());
    }

    [Fact]
    public async Task A_dispute_escalated_in_Volunteering_reaches_its_community_s_joint_meeting_in_Consultation()
    {
        var subDistrict = await _organization.Create("/api/organization/sub-districts", new { name = "桥南街道", kind = "subDistrict" });
        var community = await _organization.Create("/api/organization/communities", new { name = "桥南社区", subDistrictId = subDistrict });
        var dispute = await Eventually.Get(async () =>
        {
            var response = await _volunteering.Http.PostAsJsonAsync("/api/volunteering/disputes", new { communityId = community, parties = new[] { "王某", "赵某" }, summary = "占用楼道停放电动车", source = "walkIn" });
            return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : (Guid?)null;
        }, TimeSpan.FromSeconds(60), "the community in Volunteering");
        var version = await _volunteering.Change($"/api/volunteering/disputes/{dispute}/triage", new { accept = true }, 1);
        await _volunteering.Change($"/api/volunteering/disputes/{dispute}/escalation", new { reason = "多次调解未果，提请联席会议研究" }, version);

        var trace = await Eventually.Get(async () =>
        {
            var response = await _consultation.Http.GetAsync($"/api/consultation/trace/{dispute}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, TimeSpan.FromSeconds(60), "the escalated dispute proposed in Consultation");
        Assert.Equal(community, trace!.Value[0].GetProperty("communityId").GetGuid());
        Assert.Equal("disputeEscalated", trace.Value[0].GetProperty("source").GetProperty("kind").GetString());
        Assert.DoesNotContain("王某", trace.Value.GetRawText()); // the parties' names stay in Volunteering
    }
}
