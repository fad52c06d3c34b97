using Marten.Events.Aggregation;

namespace RedProperty.Organization.Instructors;

public sealed record Visit(Guid CompanyId, DateOnly On, IReadOnlyList<string> Topics, int DisputesCoordinated);

/// <summary>An instructor with assignments and visits, as the compliance view reads them.</summary>
public sealed record InstructorDetails(
    Guid Id, string Name, InstructorSource Source, DateOnly AppointedOn, IReadOnlyList<Assignment> Assignments, IReadOnlyList<Visit> Visits) : IVersioned
{
    /// <summary>The stream version, which is also the ETag. Set by Marten.</summary>
    public long Version { get; set; }

    /// <summary>The last day of the appointment, once it has ended.</summary>
    public DateOnly? EndedOn { get; init; }

    public string? EndedReason { get; init; }

    /// <summary>Appointed by <paramref name="day"/> and not ended before it.</summary>
    public bool ServesOn(DateOnly day) => AppointedOn <= day && (EndedOn is null || day <= EndedOn);

    public static InstructorDetails Create(InstructorAppointed e) => new(e.InstructorId, e.Name, e.Source, e.AppointedOn, [], []) { Version = 1 };
}

public sealed class InstructorDetailsProjection : SingleStreamProjection<InstructorDetails, Guid>
{
    public static InstructorDetails Create(InstructorAppointed e) => InstructorDetails.Create(e);

    public static InstructorDetails Apply(InstructorAssigned e, InstructorDetails i) =>
        i with { Assignments = PartyBuildingInstructor.Assigned(i.Assignments, e) };

    public static InstructorDetails Apply(InstructorAssignmentEnded e, InstructorDetails i) =>
        i with { Assignments = PartyBuildingInstructor.Ended(i.Assignments, e.CompanyId, e.On) };

    public static InstructorDetails Apply(InstructorAppointmentEnded e, InstructorDetails i) => i with { EndedOn = e.On, EndedReason = e.Reason };

    public static InstructorDetails Apply(InstructorVisitRecorded e, InstructorDetails i) =>
        i with { Visits = [.. i.Visits, new Visit(e.CompanyId, e.On, e.Topics, e.DisputesCoordinated)] };
}

public static class GetInstructorEndpoint
{
    public static Task<Results<Ok<InstructorDetails>, NotFound>> Handle(
        Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken) =>
        session.Read<InstructorDetails>(id, response, cancellationToken);
}
