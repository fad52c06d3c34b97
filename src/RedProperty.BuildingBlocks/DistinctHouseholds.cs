namespace RedProperty.BuildingBlocks;

/// <summary>
/// Households benefiting from improvement projects, each household once. A household of an estate that gained smart
/// security, a renovation and new parking benefits once, not three times. Projects name how many of the estate's
/// households they serve, not which ones. So an estate counts the most that any one of its projects serves (a
/// whole-estate project: all its households), and the district adds up its estates. Evaluation's project totals and
/// the Overview's figures both count this way.
/// </summary>
public static class DistinctHouseholds
{
    public static int Of(IEnumerable<(Guid EstateId, int Households)> completedProjects) =>
        completedProjects.GroupBy(p => p.EstateId).Sum(estate => estate.Max(p => p.Households));
}
