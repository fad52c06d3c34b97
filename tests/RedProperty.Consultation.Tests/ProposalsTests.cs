using System.Net;
using System.Text.Json;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;
using EvaluationV1 = RedProperty.Contracts.Evaluation.V1;

namespace RedProperty.Consultation.Tests;

/// <summary>Agenda items proposed by Evaluation's events on the real broker, followed to their decision and action items.</summary>
public sealed class ProposalsTests(ConsultationFixture fixture) : IClassFixture<ConsultationFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task An_overdue_complaint_becomes_an_agenda_item_and_is_traced_to_its_decision_and_action()
    {
        var complaint = Guid.CreateVersion7();
        await fixture.Publish(new EvaluationV1.ComplaintOverdue(complaint, fixture.Hongyuan, fixture.Weibin, Guid.CreateVersion7(),
            fixture.Time.GetUtcNow().AddHours(-1), fixture.Time.GetUtcNow()));
        await fixture.Publish(new EvaluationV1.BlackListPublished("2022Q1", [fixture.Hongyuan], 1, new DateOnly(2022, 4, 5), fixture.Time.GetUtcNow()));
        var dispute = Guid.CreateVersion7();
        await fixture.Publish(new RedProperty.Contracts.Volunteering.V1.DisputeEscalated(dispute, fixture.Weibin, "调解超过一个月未结", new DateOnly(2022, 6, 1), fixture.Time.GetUtcNow()));
        await Eventually.True(async () => (await Admin.Http.GetAsync($"/api/consultation/trace/{fixture.Hongyuan}")).StatusCode == HttpStatusCode.OK
            && (await Admin.Http.GetAsync($"/api/consultation/trace/{complaint}")).StatusCode == HttpStatusCode.OK
            && (await Admin.Http.GetAsync($"/api/consultation/trace/{dispute}")).StatusCode == HttpStatusCode.OK, what: "the three proposals");

        var (residents, _, company, _) = await MeetingsTests.Parties(fixture, fixture.Weibin, "渭滨");
        var meeting = await Admin.Create("/api/consultation/meetings", new { communityId = fixture.Weibin, title = "渭滨社区联席会议", at = "2022-06-15T09:30:00+08:00", place = "渭滨社区", convener = "渭滨社区党委" });
        var path = $"/api/consultation/meetings/{meeting}";
        var agenda = (await Admin.Get(path)).GetProperty("agenda").EnumerateArray().ToList();
        Assert.Equal(3, agenda.Count); // the three proposals joined the community's next meeting
        Assert.Contains(agenda, i => i.GetProperty("source").GetProperty("kind").GetString() == "disputeEscalated");
        var item = agenda.Single(i => i.GetProperty("source").GetProperty("sourceId").GetGuid() == complaint).GetProperty("id").GetGuid();

        var version = await Admin.Change($"{path}/invitations", new { partyIds = new[] { residents, company } }, 4);
        version = await Admin.Change($"{path}/attendance", new { partyId = residents, present = true }, version);
        version = await Admin.Change($"{path}/attendance", new { partyId = company, present = true }, version);
        fixture.AdvanceTo(new DateTimeOffset(2022, 6, 15, 12, 0, 0, TimeSpan.FromHours(8)));
        version = await Admin.Change($"{path}/held", new { heldOn = "2022-06-15", minutes = "研究逾期投诉的处理" }, version);
        await Admin.Change($"{path}/agenda/{item}/decision", new { outcome = "adopted", reasoning = "物业三日内上门处理，社区回访", consensus = true }, version);
        var action = await Admin.Create($"{path}/agenda/{item}/actions", new { ownerPartyId = company, title = "上门处理逾期投诉", dueOn = "2022-06-18" });
        await Admin.Change($"/api/consultation/actions/{action}/progress", new { progress = 100, note = "已处理，居民满意" }, 1);

        var trace = Assert.Single((await Admin.Get($"/api/consultation/trace/{complaint}")).EnumerateArray());
        Assert.Equal(meeting, trace.GetProperty("meetingId").GetGuid());
        Assert.Equal("adopted", trace.GetProperty("outcome").GetString());
        Assert.Equal("2022-06-15", trace.GetProperty("actions")[0].GetProperty("completedOn").GetString());
        Assert.Equal("complaintOverdue", trace.GetProperty("source").GetProperty("kind").GetString());
        Assert.NotEqual(JsonValueKind.Null, trace.GetProperty("source").GetProperty("eventId").ValueKind);
        var byEvent = await Admin.Get($"/api/consultation/trace/{trace.GetProperty("source").GetProperty("eventId").GetGuid()}");
        Assert.Equal(item, byEvent[0].GetProperty("itemId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.Http.GetAsync($"/api/consultation/trace/{Guid.NewGuid()}")).StatusCode);

        // Another community's staff do not see the item at all; the reasoning, part of minutes kept to the
        // participants, is read by the organisers only.
        var qiaonanStaff = await fixture.As(Roles.CommunityStaff, community: fixture.Qiaonan.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await qiaonanStaff.GetAsync($"/api/consultation/trace/{complaint}")).StatusCode);
        var weibinStaff = new ApiClient(await fixture.As(Roles.CommunityStaff, community: fixture.Weibin.ToString()));
        Assert.Equal("物业三日内上门处理，社区回访", (await weibinStaff.Get($"/api/consultation/trace/{complaint}"))[0].GetProperty("reasoning").GetString());
        foreach (var role in new[] { Roles.Auditor, Roles.IntegrationClient, Roles.CompanyUser })
        {
            var reader = new ApiClient(await fixture.As(role, company: fixture.Hongyuan));
            var step = (await reader.Get($"/api/consultation/trace/{complaint}"))[0];
            Assert.Equal("adopted", step.GetProperty("outcome").GetString());
            Assert.Equal(JsonValueKind.Null, step.GetProperty("reasoning").ValueKind);
        }
    }
}
