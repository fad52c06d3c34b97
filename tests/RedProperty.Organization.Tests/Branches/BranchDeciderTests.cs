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
        var events = EstablishBranchDecider.Decide(Planned(CompanyA, CompanyB), new EstablishBranch(new(2022, 5, 20), secretary.Id), secretary, Now);
        var established = Assert.IsType<BranchEstablished>(Assert.Single(events));
        Assert.Equal((BranchId, "麦积区物业联合党支部", BranchKind.Joint, new DateOnly(2022, 5, 20), secretary.Id), (established.BranchId, established.Name, established.Kind, established.ApprovedOn, established.SecretaryMemberId));
        Assert.Equal([CompanyA, CompanyB], established.CompanyIds);
    }

    [Fact]
    public void The_secretary_must_be_full_current_and_from_a_member_company()
    {
        var branch = Planned(CompanyA);
        var command = new EstablishBranch(new(2022, 5, 20), Guid.NewGuid());
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, Member(CompanyA, MemberStage.Probationary), Now));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, Member(CompanyB), Now));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, Member(CompanyA, left: true), Now));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, command, null, Now));
    }

    [Fact]
    public void The_lifecycle_is_planned_forming_established_dissolved_reformed()
    {
        var branch = Planned(CompanyA);
        branch = branch.Apply((BranchFormingStarted)Assert.Single(BranchLifecycleDecider.Decide(branch, new(BranchStep.StartForming, null), Now)));
        Assert.Throws<DomainException>(() => BranchLifecycleDecider.Decide(branch, new(BranchStep.StartForming, null), Now));
        Assert.Throws<DomainException>(() => BranchLifecycleDecider.Decide(branch, new(BranchStep.Dissolve, "撤销"), Now));

        var secretary = Member(CompanyA);
        branch = branch.Apply((BranchEstablished)Assert.Single(EstablishBranchDecider.Decide(branch, new(new(2022, 5, 20), secretary.Id), secretary, Now)));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, new(new(2022, 5, 21), secretary.Id), secretary, Now));

        branch = branch.Apply((BranchDissolved)Assert.Single(BranchLifecycleDecider.Decide(branch, new(BranchStep.Dissolve, "企业退出本区"), Now)));
        Assert.Throws<DomainException>(() => EstablishBranchDecider.Decide(branch, new(new(2022, 7, 1), secretary.Id), secretary, Now));
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
