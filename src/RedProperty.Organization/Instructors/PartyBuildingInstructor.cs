namespace RedProperty.Organization.Instructors;

/// <summary>派出 by the industry department, or 选派 by the sub-district/town community.</summary>
public enum InstructorSource
{
    DispatchedByIndustry,
    SelectedByCommunity,
}

// Events of a party-building instructor's stream (党建指导员), stream id = instructor id.

public sealed record InstructorAppointed(Guid InstructorId, string Name, InstructorSource Source, DateOnly AppointedOn, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => AppointedOn;
}

public sealed record InstructorAssigned(Guid InstructorId, Guid CompanyId, DateOnly From, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => From;
}

public sealed record InstructorVisitRecorded(
    Guid InstructorId, Guid CompanyId, DateOnly On, IReadOnlyList<string> Topics, int DisputesCoordinated, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record PartyBuildingInstructor(Guid Id, string Name, InstructorSource Source, DateOnly AppointedOn, IReadOnlyList<Guid> CompanyIds)
{
    public static PartyBuildingInstructor Create(InstructorAppointed e) => new(e.InstructorId, e.Name, e.Source, e.AppointedOn, []);

    public PartyBuildingInstructor Apply(InstructorAssigned e) => this with { CompanyIds = [.. CompanyIds, e.CompanyId] };

    public PartyBuildingInstructor Apply(InstructorVisitRecorded e) => this;
}
