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

/// <summary>The assignment ends: <paramref name="On"/> is its last day.</summary>
public sealed record InstructorAssignmentEnded(Guid InstructorId, Guid CompanyId, DateOnly On, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

/// <summary>The instructor's appointment ends (<paramref name="On"/> is the last day); open assignments end with it.</summary>
public sealed record InstructorAppointmentEnded(Guid InstructorId, DateOnly On, string Reason, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

/// <summary>An assignment to a company, from and to (inclusive; open when null).</summary>
public sealed record Assignment(Guid CompanyId, DateOnly From, DateOnly? To = null)
{
    public bool Covers(DateOnly day) => DistrictCalendar.Covers(From, To, day);

    public bool IsOpen => To is null;
}

/// <summary>What the instructor deciders need.</summary>
public sealed record PartyBuildingInstructor(
    Guid Id, string Name, InstructorSource Source, DateOnly AppointedOn, IReadOnlyList<Assignment> Assignments, IReadOnlyList<(Guid CompanyId, DateOnly On)> Visits)
{
    public DateOnly? EndedOn { get; init; }

    public static PartyBuildingInstructor Create(InstructorAppointed e) => new(e.InstructorId, e.Name, e.Source, e.AppointedOn, [], []);

    public PartyBuildingInstructor Apply(InstructorAssigned e) => this with { Assignments = Assigned(Assignments, e) };

    public PartyBuildingInstructor Apply(InstructorAssignmentEnded e) => this with { Assignments = Ended(Assignments, e.CompanyId, e.On) };

    public PartyBuildingInstructor Apply(InstructorAppointmentEnded e) => this with { EndedOn = e.On };

    public PartyBuildingInstructor Apply(InstructorVisitRecorded e) => this with { Visits = [.. Visits, (e.CompanyId, e.On)] };

    internal static IReadOnlyList<Assignment> Assigned(IReadOnlyList<Assignment> assignments, InstructorAssigned e) =>
        [.. assignments, new Assignment(e.CompanyId, e.From)];

    internal static IReadOnlyList<Assignment> Ended(IReadOnlyList<Assignment> assignments, Guid companyId, DateOnly on) =>
        [.. assignments.Select(a => a.CompanyId == companyId && a.IsOpen ? a with { To = on } : a)];
}
