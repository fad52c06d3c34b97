using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Tests;

/// <summary>Every rule of teams, activities, hours, stars and mediation, without a database.</summary>
public sealed class DeciderTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Start = new(2022, 5, 14, 8, 30, 0, Beijing);
    private static readonly Guid Community = Guid.CreateVersion7();
    private static readonly ActivityTypes Types = new(new ConfigurationBuilder().Build());

    private static VolunteerActivity Activity(int capacity = 2) => VolunteerActivity.Create(new ActivityScheduled(
        Guid.CreateVersion7(), null, "stairwellAdverts", "清理楼道小广告", Guid.CreateVersion7(), Community, Start, Start.AddHours(3), capacity, Start.AddDays(-1)));

    [Theory]
    [InlineData(99.9, 0)]
    [InlineData(100, 1)]
    [InlineData(300, 2)]
    [InlineData(600, 3)]
    [InlineData(999.9, 3)]
    [InlineData(1000, 4)]
    [InlineData(1500, 5)]
    [InlineData(5000, 5)]
    public void Stars_come_at_100_300_600_1000_and_1500_hours(double hours, int stars) => Assert.Equal(stars, StarLevels.Of((decimal)hours));

    [Fact]
    public void Sign_up_until_full_check_in_on_the_day_and_hours_are_the_time_on_site_in_tenths()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var activity = Activity();
        activity = activity.Apply((VolunteerSignedUp)ActivityDecider.SignUp(activity, a, Start.AddHours(-2), Start.AddHours(-2))[0]);
        Assert.Throws<DomainException>(() => ActivityDecider.SignUp(activity, a, Start.AddHours(-2), Start.AddHours(-2)));
        activity = activity.Apply((VolunteerSignedUp)ActivityDecider.SignUp(activity, b, Start.AddHours(-2), Start.AddHours(-2))[0]);
        Assert.Throws<DomainException>(() => ActivityDecider.SignUp(activity, c, Start.AddHours(-2), Start.AddHours(-2)));
        Assert.Throws<DomainException>(() => ActivityDecider.SignUp(Activity(), c, Start.AddHours(4), Start.AddHours(4)));
        // A team's sign-up sheet recorded after the activity: the sign-up's own time counts, never ahead of now.
        Assert.Single(ActivityDecider.SignUp(Activity(), c, Start.AddHours(-1), Start.AddDays(30)));
        Assert.Throws<InvalidFieldException>(() => ActivityDecider.SignUp(Activity(), c, Start.AddHours(-1), Start.AddHours(-3)));

        Assert.Throws<DomainException>(() => ActivityDecider.CheckIn(activity, c, Start));
        Assert.Throws<DomainException>(() => ActivityDecider.CheckIn(activity, a, Start.AddHours(-2)));
        Assert.Throws<DomainException>(() => ActivityDecider.CheckOut(activity, a, Start.AddHours(1)));
        activity = activity.Apply((VolunteerCheckedIn)ActivityDecider.CheckIn(activity, a, Start.AddMinutes(-5))[0]);
        Assert.Throws<DomainException>(() => ActivityDecider.CheckIn(activity, a, Start));
        Assert.Throws<DomainException>(() => ActivityDecider.CheckOut(activity, a, Start.AddMinutes(-10)));
        var checkedOut = (VolunteerCheckedOut)ActivityDecider.CheckOut(activity, a, Start.AddHours(2).AddMinutes(40))[0];
        Assert.Equal(2.7m, checkedOut.Hours); // 2 h 45 min on site, in tenths rounded down
        activity = activity.Apply(checkedOut);
        Assert.Throws<DomainException>(() => ActivityDecider.CheckOut(activity, a, Start.AddHours(3)));

        Assert.Throws<InvalidFieldException>(() => ActivityDecider.Held(activity, new RecordActivityHeld(new DateOnly(2022, 5, 14), new Dictionary<string, int> { ["clutterLoads"] = 1 }), Types, Start.AddHours(4)));
        Assert.Throws<DomainException>(() => ActivityDecider.Held(Activity(), new RecordActivityHeld(new DateOnly(2022, 5, 14)), Types, Start.AddHours(4)));
        var held = Assert.IsType<ActivityHeld>(Assert.Single(ActivityDecider.Held(activity, new RecordActivityHeld(new DateOnly(2022, 5, 14), new Dictionary<string, int> { ["advertsRemoved"] = 46 }), Types, Start.AddHours(4))));
        Assert.Equal((1, 2.7m), (held.Volunteers, held.Hours)); // only who served counts
        Assert.Throws<DomainException>(() => ActivityDecider.Held(activity.Apply(held), new RecordActivityHeld(new DateOnly(2022, 5, 14)), Types, Start.AddHours(4)));
    }

    [Fact]
    public void A_team_s_leader_volunteers_in_its_community_and_nobody_joins_twice()
    {
        var leader = new VolunteerDetails(Guid.NewGuid(), VolunteerSource.GridWorker, "马晓红", Community, null, "1234", new DateOnly(2022, 3, 1), Start);
        Assert.Throws<DomainException>(() => TeamDecider.Form(Guid.NewGuid(), new FormTeam(Guid.NewGuid(), "队", leader.Id), leader, Start));
        var formed = TeamDecider.Form(Guid.NewGuid(), new FormTeam(Community, "渭滨社区红色物业志愿服务队", leader.Id), leader, Start);
        var team = VolunteerTeam.Create((TeamFormed)formed[0]).Apply((TeamMemberJoined)formed[1]);
        Assert.Throws<DomainException>(() => TeamDecider.Join(team, leader, null, Start));
    }

    private static Dispute Registered() => Dispute.Create(new DisputeRegistered(Guid.NewGuid(), Community, null, ["张某", "李某"], "漏水", DisputeSource.WalkIn, null,
        new DateOnly(2022, 5, 14), new DateOnly(2022, 6, 13), Start));

    private static Dispute Then(Dispute d, IReadOnlyList<object> events) => events.Aggregate(d, (x, e) => e switch
    {
        DisputeTriaged t => x.Apply(t),
        MediatorsAssigned m => x.Apply(m),
        MediationSessionHeld s => x.Apply(s),
        AgreementReached a => x.Apply(a),
        ReturnVisitMade r => x.Apply(r),
        DisputeClosed c => x.Apply(c),
        DisputeEscalated escalation => x.Apply(escalation),
        _ => x,
    });

    [Fact]
    public void Mediation_goes_accept_session_agreement_return_visit_close_and_volunteer_mediators_earn_the_session_s_hours()
    {
        var now = Start.AddDays(1);
        var dispute = Registered();
        Assert.Throws<DomainException>(() => DisputeDecider.Session(dispute, new RecordSession(new DateOnly(2022, 5, 15), 1), now));
        dispute = Then(dispute, DisputeDecider.Triage(dispute, new TriageDispute(true), now));
        Assert.Throws<DomainException>(() => DisputeDecider.Triage(dispute, new TriageDispute(true), now));
        Assert.Throws<DomainException>(() => DisputeDecider.Agree(dispute, new ReachAgreement("条款", new DateOnly(2022, 5, 21), new DateOnly(2022, 5, 15)), now));

        var mediator = Guid.NewGuid();
        dispute = Then(dispute, DisputeDecider.Assign(dispute, new AssignMediators([mediator]), now));
        var session = DisputeDecider.Session(dispute, new RecordSession(new DateOnly(2022, 5, 15), 1.5m), now);
        var hours = Assert.Single(session.OfType<VolunteerHoursRecorded>());
        Assert.Equal((mediator, HoursKind.Mediation, 1.5m), (hours.VolunteerId, hours.Kind, hours.Hours));
        Assert.Throws<DomainException>(() => DisputeDecider.Session(dispute, new RecordSession(new DateOnly(2022, 5, 13), 1), now));
        dispute = Then(dispute, session);

        Assert.Throws<DomainException>(() => DisputeDecider.ReturnVisit(dispute, new RecordReturnVisit(new DateOnly(2022, 5, 15), true), now));
        dispute = Then(dispute, DisputeDecider.Agree(dispute, new ReachAgreement("楼上承担六成", new DateOnly(2022, 5, 21), new DateOnly(2022, 5, 15)), now));
        Assert.Throws<DomainException>(() => DisputeDecider.Close(dispute, new CloseDispute(DisputeOutcome.Agreed, new DateOnly(2022, 5, 15)), now));
        // Resolved (化解) only if the return visit found the agreement kept: the latest visit decides.
        var broken = Then(dispute, DisputeDecider.ReturnVisit(dispute, new RecordReturnVisit(new DateOnly(2022, 5, 15), false), now));
        Assert.False(Assert.IsType<DisputeClosed>(Assert.Single(DisputeDecider.Close(broken, new CloseDispute(DisputeOutcome.Agreed, new DateOnly(2022, 5, 15)), now))).Resolved);
        dispute = Then(broken, DisputeDecider.ReturnVisit(broken, new RecordReturnVisit(new DateOnly(2022, 5, 15), true), now));
        var closed = Assert.IsType<DisputeClosed>(Assert.Single(DisputeDecider.Close(dispute, new CloseDispute(DisputeOutcome.Agreed, new DateOnly(2022, 5, 15)), now)));
        Assert.True(closed.Mediated);
        Assert.True(closed.Resolved);
        dispute = Then(dispute, [closed]);
        Assert.Throws<DomainException>(() => DisputeDecider.Session(dispute, new RecordSession(new DateOnly(2022, 5, 15), 1), now));
    }

    [Fact]
    public void A_referred_dispute_is_not_mediated_or_escalated_here_and_an_escalation_happens_once()
    {
        var now = Start.AddDays(1);
        var referred = Then(Registered(), DisputeDecider.Triage(Registered(), new TriageDispute(false, "派出所"), now));
        Assert.Throws<DomainException>(() => DisputeDecider.Assign(referred, new AssignMediators([Guid.NewGuid()]), now));
        Assert.Throws<DomainException>(() => DisputeDecider.Escalate(referred, new EscalateDispute("x"), now));

        var open = Then(Registered(), DisputeDecider.Triage(Registered(), new TriageDispute(true), now));
        var withdrawn = Assert.IsType<DisputeClosed>(Assert.Single(DisputeDecider.Close(open, new CloseDispute(DisputeOutcome.Withdrawn, new DateOnly(2022, 5, 15)), now)));
        Assert.False(withdrawn.Mediated); // closed before any session: not counted as mediated
        Assert.False(withdrawn.Resolved);
        var escalated = Then(open, DisputeDecider.Escalate(open, new EscalateDispute("多次调解未果"), now));
        Assert.Throws<DomainException>(() => DisputeDecider.Escalate(escalated, new EscalateDispute("再次"), now));
    }
}
