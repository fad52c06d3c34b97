namespace RedProperty.Evaluation.Projects;

// Improvement work done with the companies (提升服务质量): smart security (智慧安防小区), parking spaces
// (车位), old-community renovation (老旧小区改造). Stream id = project id.

public enum ProjectKind
{
    SmartSecurityUpgrade,
    ParkingSpaces,
    Renovation,
}

public sealed record ProjectRegistered(
    Guid ProjectId, ProjectKind Kind, string Title, Guid EstateId, Guid CommunityId, Guid? CompanyId, int HouseholdsBenefiting, int ParkingSpaces,
    DateOnly StartedOn, DateTimeOffset RegisteredAt) : IDatedFact
{
    public DateOnly TookEffectOn() => StartedOn;
}

/// <summary>Done and accepted; the figures are the final ones (households that benefit, spaces added).</summary>
public sealed record ProjectCompleted(Guid ProjectId, ProjectKind Kind, Guid EstateId, Guid CommunityId, int HouseholdsBenefiting, int ParkingSpaces, DateOnly CompletedOn, DateTimeOffset RecordedAt)
    : IDatedFact
{
    public DateOnly TookEffectOn() => CompletedOn;
}

public sealed record ImprovementProject(Guid Id, ProjectKind Kind, Guid EstateId, Guid CommunityId, DateOnly StartedOn, DateOnly? CompletedOn)
{
    public static ImprovementProject Create(ProjectRegistered e) => new(e.ProjectId, e.Kind, e.EstateId, e.CommunityId, e.StartedOn, null);

    public ImprovementProject Apply(ProjectCompleted e) => this with { CompletedOn = e.CompletedOn };
}
