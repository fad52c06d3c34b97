using Marten.Events.Aggregation;

namespace RedProperty.Evaluation.Projects;

public sealed record ProjectDetails(
    Guid Id, ProjectKind Kind, string Title, Guid EstateId, Guid CommunityId, Guid? CompanyId, int HouseholdsBenefiting, int ParkingSpaces,
    DateOnly StartedOn, DateOnly? CompletedOn, DateTimeOffset RegisteredAt) : IVersioned
{
    public bool Completed => CompletedOn is not null;

    public long Version { get; set; }

    public static ProjectDetails Create(ProjectRegistered e) =>
        new(e.ProjectId, e.Kind, e.Title, e.EstateId, e.CommunityId, e.CompanyId, e.HouseholdsBenefiting, e.ParkingSpaces, e.StartedOn, null, e.RegisteredAt) { Version = 1 };
}

public sealed class ProjectDetailsProjection : SingleStreamProjection<ProjectDetails, Guid>
{
    public static ProjectDetails Create(ProjectRegistered e) => ProjectDetails.Create(e);

    public static ProjectDetails Apply(ProjectCompleted e, ProjectDetails p) =>
        p with { CompletedOn = e.CompletedOn, HouseholdsBenefiting = e.HouseholdsBenefiting, ParkingSpaces = e.ParkingSpaces };
}

/// <summary>
/// What the improvement work added up to, counting completed projects by their completion day:
/// estates made smart-security estates and renovated (each estate once), spaces added, and households
/// that benefit, each household once (see <see cref="DistinctHouseholds"/>), overall and per kind of project.
/// </summary>
public sealed record ProjectTotals(
    DateOnly? From, DateOnly To, int SmartSecurityCommunities, int ParkingSpacesAdded, int RenovatedCommunities, int HouseholdsBenefiting, int ProjectsCompleted, int ProjectsUnderway)
{
    public static async Task<ProjectTotals> OfAsync(IQuerySession session, DateOnly? from, DateOnly to, Guid? community, CancellationToken cancellationToken)
    {
        var query = session.Query<ProjectDetails>().Where(p => p.StartedOn <= to);
        if (community is { } c)
        {
            query = query.Where(p => p.CommunityId == c);
        }

        var projects = await query.ToListAsync(cancellationToken);
        var done = projects.Where(p => p.CompletedOn is { } on && on <= to && (from is null || on >= from)).ToList();
        return new ProjectTotals(
            from, to,
            done.Where(p => p.Kind == ProjectKind.SmartSecurityUpgrade).Select(p => p.EstateId).Distinct().Count(),
            done.Where(p => p.Kind == ProjectKind.ParkingSpaces).Sum(p => p.ParkingSpaces),
            done.Where(p => p.Kind == ProjectKind.Renovation).Select(p => p.EstateId).Distinct().Count(),
            DistinctHouseholds.Of(done.Select(p => (p.EstateId, p.HouseholdsBenefiting))),
            done.Count,
            projects.Count(p => p.CompletedOn is null || p.CompletedOn > to))
        {
            HouseholdsByKind = done.GroupBy(p => IntegrationEventMap.Wire(p.Kind))
                .ToDictionary(g => g.Key, g => DistinctHouseholds.Of(g.Select(p => (p.EstateId, p.HouseholdsBenefiting)))),
        };
    }

    /// <summary>Households benefiting from each kind of project (smartSecurityUpgrade, renovation, parkingSpaces), each household once per kind.</summary>
    public IReadOnlyDictionary<string, int> HouseholdsByKind { get; init; } = new Dictionary<string, int>();
}
