
namespace RedProperty.Evaluation.PartyBuilding;

// Evaluation's copy of each company's party organisation, from Organization's branch events: the
// party-building part of a company's score (党建引领).

public enum BranchState
{
    Forming,
    Established,
    Dissolved,
}

/// <summary>A branch as it concerns one company: its state from <paramref name="Since"/> on.</summary>
public sealed record BranchStateChange(Guid BranchId, BranchState State, DateOnly Since);

public sealed record PartyBuildingEntry(Guid Id, IReadOnlyList<BranchStateChange> Changes)
{
    /// <summary>The company's best branch state on <paramref name="day"/>: established beats forming; null when none.</summary>
    public BranchState? On(DateOnly day) =>
        Changes.Where(c => c.Since <= day).GroupBy(c => c.BranchId).Select(g => g.OrderBy(c => c.Since).Last().State)
            .Where(s => s != BranchState.Dissolved).OrderByDescending(s => s).Cast<BranchState?>().FirstOrDefault();

    public IEnumerable<Guid> BranchesOn(DateOnly day) =>
        Changes.Where(c => c.Since <= day).GroupBy(c => c.BranchId).Where(g => g.OrderBy(c => c.Since).Last().State != BranchState.Dissolved).Select(g => g.Key);

    public static async Task Record(IDocumentSession session, IEnumerable<Guid> companies, BranchStateChange change, CancellationToken cancellationToken)
    {
        foreach (var company in companies.Distinct())
        {
            await session.Upsert(company, () => new PartyBuildingEntry(company, []),
                entry => entry.Changes.Contains(change) ? null : entry with { Changes = [.. entry.Changes, change] }, cancellationToken);
        }
    }
}
