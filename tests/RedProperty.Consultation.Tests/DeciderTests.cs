using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;
using RedProperty.Consultation.Places;

namespace RedProperty.Consultation.Tests;

/// <summary>Every rule of committees, meetings and action items, without a database.</summary>
public sealed class DeciderTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Community = Guid.CreateVersion7(Now);

    private static CommunityPartyCommittee Committee() =>
        CommunityPartyCommittee.Create(new CommitteeFormed(Guid.CreateVersion7(Now), Community, "渭滨社区大党委", new DateOnly(2021, 7, 1), new DateOnly(2026, 6, 30), Now));

    private static PartyMemberEntry Head(bool head = true, bool left = false) =>
        new(Guid.CreateVersion7(Now), "李红梅", Guid.CreateVersion7(Now), head ? "generalManager" : "staff", head, new DateOnly(2020, 1, 1), left);

    private static CommunityPartyCommittee With(CommunityPartyCommittee c, IReadOnlyList<object> events) =>
        events.Aggregate(c, (x, e) => e switch { CommitteeMemberAppointed a => x.Apply(a), CommitteeMemberAppointmentEnded d => x.Apply(d), _ => x });

    [Fact]
    public void A_concurrent_member_heads_a_company_serves_within_the_term_and_once_at_a_time()
    {
        var committee = Committee();
        var head = Head();
        var appointed = Assert.IsType<CommitteeMemberAppointed>(Assert.Single(AppointMemberDecider.Decide(committee, new AppointMember("李红梅", CommitteePosition.Member, new DateOnly(2022, 3, 1), null, head.Id), head, Now)));
        Assert.True(appointed.Concurrent);
        Assert.Equal(new DateOnly(2026, 6, 30), appointed.To); // to the end of the term
        Assert.Equal(head.CompanyId, appointed.CompanyId);
        committee = committee.Apply(appointed);

        Assert.Throws<DomainException>(() => AppointMemberDecider.Decide(committee, new AppointMember("李红梅", CommitteePosition.Member, new DateOnly(2022, 4, 1), null, head.Id), head, Now));
        Assert.Throws<DomainException>(() => AppointMemberDecider.Decide(committee, new AppointMember("员工", CommitteePosition.Member, new DateOnly(2022, 4, 1)), Head(head: false), Now));
        Assert.Throws<DomainException>(() => AppointMemberDecider.Decide(committee, new AppointMember("离职", CommitteePosition.Member, new DateOnly(2022, 4, 1)), Head(left: true), Now));
        Assert.Throws<DomainException>(() => AppointMemberDecider.Decide(committee, new AppointMember("早", CommitteePosition.Member, new DateOnly(2021, 6, 30)), null, Now));
        Assert.Throws<DomainException>(() => AppointMemberDecider.Decide(committee, new AppointMember("晚", CommitteePosition.Member, new DateOnly(2022, 1, 1), new DateOnly(2027, 1, 1)), null, Now));

        // After the first appointment ends, the same head may serve again.
        committee = With(committee, AppointMemberDecider.End(committee, appointed.AppointmentId, new DateOnly(2022, 12, 31), Now));
        Assert.Single(AppointMemberDecider.Decide(committee, new AppointMember("李红梅", CommitteePosition.DeputySecretary, new DateOnly(2023, 1, 1), null, head.Id), head, Now));
        Assert.Throws<DomainException>(() => AppointMemberDecider.End(committee, appointed.AppointmentId, new DateOnly(2022, 2, 1), Now));
        Assert.Throws<ResourceNotFoundException>(() => AppointMemberDecider.End(committee, Guid.NewGuid(), new DateOnly(2022, 2, 1), Now));
    }

    [Fact]
    public void One_secretary_at_a_time()
    {
        var committee = With(Committee(), AppointMemberDecider.Decide(Committee(), new AppointMember("王芳", CommitteePosition.Secretary, new DateOnly(2021, 7, 1), new DateOnly(2023, 6, 30)), null, Now));

        Assert.Throws<DomainException>(() => AppointMemberDecider.Decide(committee, new AppointMember("李四", CommitteePosition.Secretary, new DateOnly(2023, 1, 1)), null, Now));
        Assert.Single(AppointMemberDecider.Decide(committee, new AppointMember("李四", CommitteePosition.Secretary, new DateOnly(2023, 7, 1)), null, Now));
    }

    private static JointMeeting Meeting(params object[] events) =>
        events.Aggregate(JointMeeting.Create(new MeetingConvened(Guid.CreateVersion7(Now), Community, "联席会议", Now, "社区", "书记", Now)), (m, e) => e switch
        {
            PartiesInvited i => m.Apply(i),
            AgendaItemAdded a => m.Apply(a),
            AttendanceRecorded a => m.Apply(a),
            MeetingHeld h => m.Apply(h),
            DecisionRecorded d => m.Apply(d),
            _ => m,
        });

    private static MeetingParty Party(Guid? community = null) => new(Guid.CreateVersion7(Now), PartyKind.ResidentsCommittee, "居委会", community ?? Community, null);

    [Fact]
    public void Parties_of_the_community_are_invited_once_and_only_invited_ones_attend()
    {
        var meeting = Meeting();
        var party = Party();
        Assert.Throws<DomainException>(() => PrepareMeetingDecider.Invite(meeting, [Party(Guid.NewGuid())], Now));
        meeting = meeting.Apply((PartiesInvited)PrepareMeetingDecider.Invite(meeting, [party], Now)[0]);
        Assert.Empty(PrepareMeetingDecider.Invite(meeting, [party], Now));
        Assert.Throws<DomainException>(() => PrepareMeetingDecider.Attend(meeting, new RecordAttendance(Guid.NewGuid(), true), Now));
        Assert.Single(PrepareMeetingDecider.Attend(meeting, new RecordAttendance(party.Id, true), Now));
        Assert.Throws<InvalidFieldException>(() => PrepareMeetingDecider.AddItem(meeting, new AddAgendaItem("子议题", "居委会", ParentId: Guid.NewGuid()), Now));
    }

    [Fact]
    public void A_quorum_is_half_the_invited_rounded_up_and_nothing_is_prepared_after_the_meeting()
    {
        var parties = Enumerable.Range(0, 5).Select(_ => Party()).ToList();
        var meeting = Meeting(new PartiesInvited(Guid.Empty, [.. parties.Select(p => p.Id)], Now),
            new AttendanceRecorded(Guid.Empty, parties[0].Id, true, null, Now), new AttendanceRecorded(Guid.Empty, parties[1].Id, true, null, Now),
            new AttendanceRecorded(Guid.Empty, parties[2].Id, false, null, Now));
        Assert.Throws<DomainException>(() => HoldMeetingDecider.Decide(meeting, new HoldMeeting(new DateOnly(2022, 6, 20), "纪要"), 0.5m, Now)); // 2 of 5 < 3

        meeting = meeting.Apply(new AttendanceRecorded(Guid.Empty, parties[3].Id, true, null, Now));
        var held = Assert.IsType<MeetingHeld>(Assert.Single(HoldMeetingDecider.Decide(meeting, new HoldMeeting(new DateOnly(2022, 6, 20), "纪要"), 0.5m, Now)));
        Assert.Equal((5, 3), (held.Invited, held.Present));
        meeting = meeting.Apply(held);
        Assert.Throws<DomainException>(() => HoldMeetingDecider.Decide(meeting, new HoldMeeting(new DateOnly(2022, 6, 20), "纪要"), 0.5m, Now));
        Assert.Throws<DomainException>(() => PrepareMeetingDecider.AddItem(meeting, new AddAgendaItem("晚到的议题", "居委会"), Now));
        Assert.Throws<DomainException>(() => PrepareMeetingDecider.Invite(meeting, [Party()], Now));
        Assert.Throws<DomainException>(() => HoldMeetingDecider.Decide(Meeting(), new HoldMeeting(new DateOnly(2022, 6, 20), "没人邀请"), 0.5m, Now));
    }

    [Fact]
    public void Decisions_come_after_the_meeting_once_per_item_and_adoption_needs_more_for_than_against()
    {
        var item = new AgendaItemAdded(Guid.Empty, Guid.CreateVersion7(Now), null, "楼道清理", null, "居委会", new AgendaSource("complaintOverdue", Guid.NewGuid(), Guid.NewGuid()), Now);
        var before = Meeting(item);
        Assert.Throws<DomainException>(() => DecideItemDecider.Decide(before, item.ItemId, new DecideItem(DecisionOutcome.Adopted, "同意", true), Now));

        var held = before.Apply(new MeetingHeld(before.Id, Community, new DateOnly(2022, 6, 20), "纪要", MinutesVisibility.Public, 3, 2, Now));
        Assert.Throws<DomainException>(() => DecideItemDecider.Decide(held, item.ItemId, new DecideItem(DecisionOutcome.Adopted, "票不够", false, 2, 2), Now));
        Assert.Throws<ResourceNotFoundException>(() => DecideItemDecider.Decide(held, Guid.NewGuid(), new DecideItem(DecisionOutcome.Adopted, "无此议题", true), Now));
        var decided = Assert.IsType<DecisionRecorded>(Assert.Single(DecideItemDecider.Decide(held, item.ItemId, new DecideItem(DecisionOutcome.Adopted, "一致同意", true), Now)));
        Assert.Equal(item.Source, decided.Source); // the source travels to the decision
        Assert.Throws<DomainException>(() => DecideItemDecider.Decide(held.Apply(decided), item.ItemId, new DecideItem(DecisionOutcome.Rejected, "改主意", true), Now));
    }

    [Fact]
    public void Action_items_follow_an_adopted_resolution_progress_only_forwards_and_complete_at_100()
    {
        var itemId = Guid.CreateVersion7(Now);
        var meeting = new MeetingDetails(Guid.CreateVersion7(Now), Community, "联席会议", Now, "社区", "书记")
        {
            HeldOn = new DateOnly(2022, 6, 20),
            Agenda = [new AgendaItemDetails(itemId, null, "楼道清理", null, "居委会", null) { Outcome = DecisionOutcome.Adopted }],
        };
        var owner = new PartyDetails(Guid.CreateVersion7(Now), PartyKind.PropertyCompany, "红苑物业", Community, Guid.NewGuid(), Now);

        Assert.Throws<DomainException>(() => ActionDecider.Assign(Guid.NewGuid(), meeting with { Agenda = [meeting.Agenda[0] with { Outcome = DecisionOutcome.Deferred }] }, itemId,
            new AssignAction(owner.Id, "清理", new DateOnly(2022, 6, 27)), owner, Now));
        Assert.Throws<DomainException>(() => ActionDecider.Assign(Guid.NewGuid(), meeting, itemId, new AssignAction(owner.Id, "清理", new DateOnly(2022, 6, 27)), owner with { CommunityId = Guid.NewGuid() }, Now));
        Assert.Throws<DomainException>(() => ActionDecider.Assign(Guid.NewGuid(), meeting, itemId, new AssignAction(owner.Id, "清理", new DateOnly(2022, 6, 19)), owner, Now));
        var action = ActionItem.Create(ActionDecider.Assign(Guid.NewGuid(), meeting, itemId, new AssignAction(owner.Id, "清理", new DateOnly(2022, 6, 27)), owner, Now));

        action = action.Apply((ActionProgressReported)ActionDecider.Report(action, new ReportProgress(60), Now)[0]);
        Assert.Throws<DomainException>(() => ActionDecider.Report(action, new ReportProgress(50), Now));
        var done = ActionDecider.Report(action, new ReportProgress(100, "完成"), Now);
        Assert.IsType<ActionItemCompleted>(done[1]);
        action = action.Apply((ActionProgressReported)done[0]).Apply((ActionItemCompleted)done[1]);
        Assert.Throws<DomainException>(() => ActionDecider.Report(action, new ReportProgress(100), Now));
    }
}
