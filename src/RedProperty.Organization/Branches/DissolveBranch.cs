namespace RedProperty.Organization.Branches;

/// <summary>An established branch is dissolved (its companies are free for another branch), with the reason.</summary>
public static class DissolveBranchDecider
{
    public static BranchDissolved Decide(PartyBranch branch, string reason, DateOnly? on, DateTimeOffset now) =>
        branch.Status == BranchStatus.Established
            ? new BranchDissolved(branch.Id, branch.CompanyIds, reason.Trim(), now) { On = DistrictCalendar.FactDay(on, now, "dissolution") }
            : throw BranchLifecycleDecider.Cannot(branch, BranchStep.Dissolve);
}
