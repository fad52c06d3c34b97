using RedProperty.BuildingBlocks;
using RedProperty.Organization.Members;

namespace RedProperty.Organization.Tests.Members;

public sealed class MemberDeciderTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2022, 6, 1);
    private static readonly Guid MemberId = Guid.CreateVersion7(Now);
    private static readonly Guid CompanyId = Guid.CreateVersion7(Now);

    private static PartyMember Applicant() => PartyMember.Create(new PartyMemberRegistered(
        MemberId, CompanyId, "王建国", "保洁主管", JoinedVia.Developed, MemberStage.Applicant, null, false, Now));

    private static PartyMember Hired(MemberStage stage = MemberStage.Full, bool transferred = false) => PartyMember.Create(new PartyMemberRegistered(
        MemberId, CompanyId, "李红梅", "项目经理", JoinedVia.Hired, stage, new DateOnly(2015, 7, 1), transferred, Now));

    private static PartyMember Given(PartyMember start, params object[] events) =>
        events.Aggregate(start, (m, e) => e switch
        {
            DevelopmentStageReached d => m.Apply(d),
            MemberRelationTransferredIn i => m.Apply(i),
            MemberRelationTransferredOut o => m.Apply(o),
            PartyMemberLeftCompany l => m.Apply(l),
            _ => throw new ArgumentException(e.GetType().Name),
        });

    private static DevelopmentStageReached Reached(MemberStage stage, DateOnly on, params string[] sponsors) =>
        new(MemberId, stage, on, sponsors, Now);

    [Fact]
    public void An_applicant_moves_through_the_pipeline_one_step_at_a_time()
    {
        var member = Applicant();
        var steps = new (MemberStage Stage, DateOnly On, string[] Sponsors)[]
        {
            (MemberStage.Activist, new(2021, 1, 10), []),
            (MemberStage.DevelopmentCandidate, new(2021, 3, 1), []),
            (MemberStage.Probationary, new(2021, 6, 1), ["张书记", "刘委员"]),
            (MemberStage.Full, new(2022, 6, 1), []),
        };
        foreach (var (stage, on, sponsors) in steps)
        {
            var events = AdvanceDevelopmentDecider.Decide(member, new AdvanceDevelopment(stage, on, sponsors), Today, Now);
            Assert.Equal([Reached(stage, on, sponsors)], events, (a, b) => a is DevelopmentStageReached x && b is DevelopmentStageReached y
                && x.Stage == y.Stage && x.On == y.On && x.Sponsors.SequenceEqual(y.Sponsors));
            member = Given(member, events.ToArray());
        }

        Assert.Equal(MemberStage.Full, member.Stage);
        Assert.Equal(new DateOnly(2021, 6, 1), member.AdmittedOn);
        Assert.True(member.CountsAsMember);
    }

    [Fact]
    public void A_step_cannot_be_skipped() =>
        Assert.Throws<DomainException>(() =>
            AdvanceDevelopmentDecider.Decide(Applicant(), new AdvanceDevelopment(MemberStage.Probationary, new(2021, 6, 1), ["甲", "乙"]), Today, Now));

    [Fact]
    public void Probation_ends_no_earlier_than_one_year_after_admission()
    {
        var probationary = Given(Applicant(),
            Reached(MemberStage.Activist, new(2021, 1, 1)),
            Reached(MemberStage.DevelopmentCandidate, new(2021, 2, 1)),
            Reached(MemberStage.Probationary, new(2021, 6, 1), "甲", "乙"));

        var early = Assert.Throws<DomainException>(() =>
            AdvanceDevelopmentDecider.Decide(probationary, new AdvanceDevelopment(MemberStage.Full, new(2022, 5, 31), null), Today, Now));
        Assert.Contains("2022-06-01", early.Message);
        Assert.Single(AdvanceDevelopmentDecider.Decide(probationary, new AdvanceDevelopment(MemberStage.Full, new(2022, 6, 1), null), Today, Now));
    }

    [Fact]
    public void A_full_member_cannot_advance_and_a_member_who_left_cannot_change()
    {
        Assert.Throws<DomainException>(() => AdvanceDevelopmentDecider.Decide(Hired(), new AdvanceDevelopment(MemberStage.Full, new(2022, 1, 1), null), Today, Now));
        var left = Given(Hired(MemberStage.Probationary), new PartyMemberLeftCompany(MemberId, CompanyId, "调离", Now));
        // Refused for the departure itself, on a date that would otherwise be fine.
        var refused = Assert.Throws<DomainException>(() => AdvanceDevelopmentDecider.Decide(left, new AdvanceDevelopment(MemberStage.Full, Today, null), Today, Now));
        Assert.Contains("has left", refused.Message);
        Assert.Throws<DomainException>(() => LeaveCompanyDecider.Decide(left, new LeaveCompany("再次离开"), Now));
        Assert.False(left.CountsAsMember);
    }

    [Fact]
    public void A_relation_is_transferred_in_once_and_out_only_when_it_is_here()
    {
        var hired = Hired();
        Assert.Throws<DomainException>(() => TransferRelationDecider.Decide(hired, new TransferRelation(TransferDirection.Out, new(2022, 1, 1), "秦州区某社区党支部"), Now));

        var events = TransferRelationDecider.Decide(hired, new TransferRelation(TransferDirection.In, new(2022, 1, 1), " 秦州区某社区党支部 "), Now);
        Assert.Equal([new MemberRelationTransferredIn(MemberId, new(2022, 1, 1), "秦州区某社区党支部", Now)], events);

        var transferred = Given(hired, events.ToArray());
        Assert.Throws<DomainException>(() => TransferRelationDecider.Decide(transferred, new TransferRelation(TransferDirection.In, new(2022, 2, 1), "别处"), Now));
        Assert.Single(TransferRelationDecider.Decide(transferred, new TransferRelation(TransferDirection.Out, new(2022, 3, 1), "甘谷县某党支部"), Now));
    }

    [Theory]
    [InlineData(JoinedVia.Developed, MemberStage.Applicant, false, true)]
    [InlineData(JoinedVia.Developed, MemberStage.Full, false, false)]
    [InlineData(JoinedVia.Hired, MemberStage.Full, true, true)]
    [InlineData(JoinedVia.Hired, MemberStage.Full, false, false)]
    [InlineData(JoinedVia.RelationTransferredIn, MemberStage.Activist, true, false)]
    public void Registration_matches_how_the_member_came(JoinedVia via, MemberStage stage, bool admitted, bool valid)
    {
        var command = new RegisterMember(CompanyId, "赵志强", "客服专员", via, stage, admitted ? new DateOnly(2018, 7, 1) : null, "620599198507150026", CompanyRole.Staff);
        Assert.Equal(valid, new RegisterMemberValidator().Validate(command).IsValid);
    }

    [Fact]
    public void A_step_cannot_be_in_the_future_or_before_the_previous_step()
    {
        var activist = Given(Applicant(), Reached(MemberStage.Activist, new(2021, 5, 1)));

        Assert.Throws<DomainException>(() => AdvanceDevelopmentDecider.Decide(activist, new AdvanceDevelopment(MemberStage.DevelopmentCandidate, Today.AddDays(1), null), Today, Now));
        Assert.Throws<DomainException>(() => AdvanceDevelopmentDecider.Decide(activist, new AdvanceDevelopment(MemberStage.DevelopmentCandidate, new(2021, 4, 30), null), Today, Now));
        Assert.Single(AdvanceDevelopmentDecider.Decide(activist, new AdvanceDevelopment(MemberStage.DevelopmentCandidate, new(2021, 5, 1), null), Today, Now));
    }

    [Fact]
    public void A_full_member_is_registered_with_an_admission_at_least_a_year_old()
    {
        RegisterMember Full(DateOnly admitted) => new(CompanyId, "李红梅", "经理", JoinedVia.Hired, MemberStage.Full, admitted, "620599198507150026", CompanyRole.Staff);

        Assert.Throws<DomainException>(() => RegisterMemberDecider.Decide(MemberId, Full(Today.AddMonths(-11)), "key", Today, Now));
        Assert.Throws<DomainException>(() => RegisterMemberDecider.Decide(MemberId, Full(Today.AddDays(1)) with { Stage = MemberStage.Probationary }, "key", Today, Now));
        Assert.Equal(Today.AddYears(-1), RegisterMemberDecider.Decide(MemberId, Full(Today.AddYears(-1)), "key", Today, Now).AdmittedOn);
    }
}
