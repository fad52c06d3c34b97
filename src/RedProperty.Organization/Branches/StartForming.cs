namespace RedProperty.Organization.Branches;

/// <summary>A planned branch starts forming (组建中), on the day given or today.</summary>
public static class StartFormingDecider
{
    public static BranchFormingStarted Decide(PartyBranch branch, DateOnly? on, DateTimeOffset now) =>
        branch.Status == BranchStatus.Planned
            ? new BranchFormingStarted(branch.Id, branch.CompanyIds, now) { On = DistrictCalendar.FactDay(on, now, "start of forming") }
            : throw BranchLifecycleDecider.Cannot(branch, BranchStep.StartForming);
}
