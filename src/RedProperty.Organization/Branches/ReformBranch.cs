namespace RedProperty.Organization.Branches;

/// <summary>A dissolved branch is formed again around the same companies.</summary>
public static class ReformBranchDecider
{
    public static BranchReformingStarted Decide(PartyBranch branch, DateOnly? on, DateTimeOffset now) =>
        branch.Status == BranchStatus.Dissolved
            ? new BranchReformingStarted(branch.Id, now) { On = DistrictCalendar.FactDay(on, now, "re-forming") }
            : throw BranchLifecycleDecider.Cannot(branch, BranchStep.Reform);
}
