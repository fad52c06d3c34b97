namespace RedProperty.Organization.Instructors;

/// <summary>Appoint a party-building instructor ("sent by the industry department + selected by the community").</summary>
public sealed record AppointInstructor(string Name, InstructorSource Source, DateOnly AppointedOn);

/// <summary>End the appointment; <paramref name="On"/> is the last day. Open assignments end with it.</summary>
public sealed record EndAppointment(DateOnly On, string Reason);

public sealed class AppointInstructorValidator : AbstractValidator<AppointInstructor>
{
    public AppointInstructorValidator()
    {
        RuleFor(i => i.Name).NotEmpty().MaximumLength(50);
        RuleFor(i => i.Source).IsInEnum();
        RuleFor(i => i.AppointedOn).NotEmpty();
    }
}

public sealed class EndAppointmentValidator : AbstractValidator<EndAppointment>
{
    public EndAppointmentValidator()
    {
        RuleFor(i => i.On).NotEmpty();
        RuleFor(i => i.Reason).NotEmpty().MaximumLength(200);
    }
}

public static class AppointInstructorDecider
{
    public static InstructorAppointed Decide(Guid id, AppointInstructor command, DateTimeOffset now) =>
        new(id, command.Name.Trim(), command.Source, DistrictCalendar.FactDay(command.AppointedOn, now, "appointment"), now);

    public static IReadOnlyList<object> Decide(PartyBuildingInstructor instructor, EndAppointment command, DateTimeOffset now)
    {
        if (instructor.EndedOn is { } ended)
        {
            throw new DomainException($"The appointment already ended on {ended:yyyy-MM-dd}.");
        }

        var on = DistrictCalendar.FactDay(command.On, now, "end of an appointment");
        if (on < instructor.AppointedOn || instructor.Assignments.Any(a => a.IsOpen && on < a.From))
        {
            throw new DomainException("An appointment cannot end before it, or one of its open assignments, began.");
        }

        return
        [
            .. instructor.Assignments.Where(a => a.IsOpen).Select(a => new InstructorAssignmentEnded(instructor.Id, a.CompanyId, on, now)),
            new InstructorAppointmentEnded(instructor.Id, on, command.Reason.Trim(), now),
        ];
    }
}

public static class AppointInstructorEndpoint
{
    public static async Task<Created<InstructorDetails>> Handle(
        AppointInstructor command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var appointed = AppointInstructorDecider.Decide(Guid.CreateVersion7(now), command, now);
        return await session.Start<PartyBuildingInstructor, InstructorDetails>(
            appointed.InstructorId, appointed, InstructorDetails.Create(appointed), $"/api/organization/instructors/{appointed.InstructorId}", response, cancellationToken);
    }

    public static Task<Ok<InstructorDetails>> End(
        Guid id, EndAppointment command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PartyBuildingInstructor, InstructorDetails>(
            id, expected, instructor => AppointInstructorDecider.Decide(instructor, command, time.GetUtcNow()), response, cancellationToken);
}
