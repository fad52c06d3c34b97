using RedProperty.BuildingBlocks;
using RedProperty.Organization.Branches;
using RedProperty.Organization.Members;

namespace RedProperty.Organization.Tests.Branches;

public sealed class BranchDeciderTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid CompanyA = Guid.CreateVersion7(Now);
    private static readonly Guid CompanyB = Guid.CreateVersion7(Now.AddTicks(1));
    private static readonly Guid BranchId = Guid.CreateVersion7(Now.AddTicks(2));

    private static PartyBranch Planned(params Guid[] companies) =>
        PartyBranch.Create(new BranchPlanned(BranchId, "麦积区物业联合党支部", companies.Length == 1 ? BranchKind.Standalone : BranchKind.Joint, companies, null, Now));

    private static PartyMember Member(Guid company, MemberStage stage = MemberStage.Full, bool left = false) =>
        new(Guid.CreateVersion7(), company, stage, new DateOnly(2010, 7, 1), true, left);

    [Fact]
    public void A_branch_is_established_with_a_full_member_of_one_of_its_companies_as_secretary()
    {
        var secretary = Member(CompanyB);
        var events = EstablishBranchDecider.Decide(Planned(CompanyA, CompanyB), new EstablishBranch(new(2022, 5, 20), secretary.Id), secretary, 3, Now);
        var established = Assert.IsType<BranchEstablished>(Assert.Single(events));
        Assert.Equal((BranchId, "麦积区物业联合党支部", BranchKind.Joint, new DateOnly(2022, 5, 20), secretary.Id), (established.BranchId, established.Name, established.Kind, established.ApprovedOn, established.SecretaryMemberId));
        Assert.Equal([CompanyA, CompanyB], established.CompanyIds);
    }

    [Fact]
    public void The_secretary_must_be_full_current_and_from_a_member_company()
    {
        var branch = Planned(CompanyA);
        var command = new EstablishBranch(new(2022, 5, 20), Guid.NewGuid());
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, Member(CompanyA, MemberStage.Probationary), 3, Now));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, Member(CompanyB), 3, Now));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, Member(CompanyA, left: true), 3, Now));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, null, 3, Now));
    }

    [Fact]
    public void A_branch_needs_three_full_members_in_its_company_or_across_its_companies()
    {
        var secretary = Member(CompanyA);
        var standalone = Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(Planned(CompanyA), new(new(2022, 5, 20), secretary.Id), secretary, 2, Now));
        Assert.Contains("joint branch", standalone.Message);
        var joint = Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(Planned(CompanyA, CompanyB), new(new(2022, 5, 20), secretary.Id), secretary, 2, Now));
        Assert.Contains("across its companies", joint.Message);
        Assert.Single(EstablishBranchDecider.Decide(Planned(CompanyA, CompanyB), new(new(2022, 5, 20), secretary.Id), secretary, 3, Now));
    }

    [Fact]
    public void Nothing_in_a_branchs_life_precedes_its_plan_and_nothing_is_dated_in_the_future()
    {
        var secretary = Member(CompanyA);
        var planned = PartyBranch.Create(new BranchPlanned(BranchId, "红苑党支部", BranchKind.Standalone, [CompanyA], null, Now) { PlannedOn = new(2022, 3, 1) });

        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(planned, new(new(2022, 2, 28), secretary.Id), secretary, 3, Now));
        Assert.Throws<DomainException>(() => BranchLifecycleDecider.Decide(planned, new(BranchStep.StartForming, null, new(2022, 2, 28)), Now));
        Assert.Throws<DomainException>(() => BranchLifecycleDecider.Decide(planned, new(BranchStep.StartForming, null, new(2022, 6, 2)), Now));
        var forming = Assert.IsType<BranchFormingStarted>(Assert.Single(BranchLifecycleDecider.Decide(planned, new(BranchStep.StartForming, null, new(2022, 3, 1)), Now)));
        Assert.Equal(new DateOnly(2022, 3, 1), forming.TookEffectOn());
        Assert.Equal(new DateOnly(2022, 6, 1), Assert.IsType<BranchFormingStarted>(Assert.Single(BranchLifecycleDecider.Decide(planned, new(BranchStep.StartForming, null), Now))).On);
    }

    [Fact]
    public void A_new_secretary_needs_an_established_branch_and_the_same_qualities()
    {
        var today = new DateOnly(2022, 6, 1);
        var secretary = Member(CompanyA);
        var planned = Planned(CompanyA);
        Assert.Throws<DomainException>(() => ChangeSecretaryDecider.Decide(planned, new(secretary.Id, today), secretary, today, Now));
        var established = planned.Apply((BranchEstablished)Assert.Single(EstablishBranchDecider.Decide(planned, new(new(2022, 5, 20), secretary.Id), secretary, 3, Now)));
        var successor = Member(CompanyA);
        Assert.Throws<DomainException>(() => ChangeSecretaryDecider.Decide(established, new(successor.Id, today), Member(CompanyB), today, Now));
        Assert.Throws<DomainException>(() => ChangeSecretaryDecider.Decide(established, new(successor.Id, today.AddDays(1)), successor, today, Now));
        Assert.Equal(successor.Id, Assert.IsType<BranchSecretaryChanged>(Assert.Single(ChangeSecretaryDecider.Decide(established, new(successor.Id, today), successor, today, Now))).SecretaryMemberId);
    }

    [Fact]
    public void An_existing_organisation_is_recorded_planned_and_established_at_its_approval_date()
    {
        var today = new DateOnly(2022, 6, 1);
        var secretary = Member(CompanyA);
        var events = RecordExistingBranchDecider.Decide(BranchId, new RecordExistingBranch("红苑物业党支部", BranchKind.Standalone, [CompanyA], new(2019, 7, 1), secretary.Id), secretary, 4, today, Now);

        Assert.Equal(PartyCommittees.Industry, Assert.IsType<BranchPlanned>(events[0]).Parent);
        Assert.Equal(new DateOnly(2019, 7, 1), Assert.IsType<BranchEstablished>(events[1]).ApprovedOn);
        Assert.Throws<DomainException>(() => RecordExistingBranchDecider.Decide(BranchId, new RecordExistingBranch("红苑物业党支部", BranchKind.Standalone, [CompanyA], today.AddDays(1), secretary.Id), secretary, 4, today, Now));
    }

    [Fact]
    public void The_lifecycle_is_planned_forming_established_dissolved_reformed()
    {
        var branch = Planned(CompanyA);
        branch = branch.Apply((BranchFormingStarted)Assert.Single(BranchLifecycleDecider.Decide(branch, new(BranchStep.StartForming, null), Now)));
        Assert.Throws<DomainException>(() => BranchLifecycleDecider.Decide(branch, new(BranchStep.StartForming, null), Now));
        Assert.Throws<DomainException>(() => BranchLifecycleDecider.Decide(branch, new(BranchStep.Dissolve, "撤销"), Now));

        var secretary = Member(CompanyA);
        branch = branch.Apply((BranchEstablished)Assert.Single(EstablishBranchDecider.Decide(branch, new(new(2022, 5, 20), secretary.Id), secretary, 3, Now)));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, new(new(2022, 5, 21), secretary.Id), secretary, 3, Now));

        branch = branch.Apply((BranchDissolved)Assert.Single(BranchLifecycleDecider.Decide(branch, new(BranchStep.Dissolve, "企业退出本区"), Now)));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, new(new(2022, 7, 1), secretary.Id), secretary, 3, Now));
        branch = branch.Apply((BranchReformingStarted)Assert.Single(BranchLifecycleDecider.Decide(branch, new(BranchStep.Reform, null), Now)));
        Assert.Equal(BranchStatus.Forming, branch.Status);
    }

    [Theory]
    [InlineData(BranchKind.Standalone, 1, true)]
    [InlineData(BranchKind.Standalone, 2, false)]
    [InlineData(BranchKind.Joint, 1, false)]
    [InlineData(BranchKind.Joint, 3, true)]
    public void Standalone_is_one_company_joint_is_several(BranchKind kind, int companies, bool valid)
    {
        var command = new PlanBranch("红苑物业党支部", kind, Enumerable.Range(0, companies).Select(_ => Guid.NewGuid()).ToList(), null);
        Assert.Equal(valid, new PlanBranchValidator().Validate(command).IsValid);
    }
}
