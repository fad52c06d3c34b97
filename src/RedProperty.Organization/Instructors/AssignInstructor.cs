using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Instructors;

/// <summary>Assign the instructor to a property company, from a date.</summary>
public sealed record AssignInstructor(Guid CompanyId, DateOnly From);

/// <summary>End the instructor's assignment to a company; <paramref name="On"/> is its last day.</summary>
public sealed record EndAssignment(Guid CompanyId, DateOnly On);

public sealed class AssignInstructorValidator : AbstractValidator<AssignInstructor>
{
    public AssignInstructorValidator()
    {
        RuleFor(a => a.CompanyId).NotEmpty();
        RuleFor(a => a.From).NotEmpty();
    }
}

public sealed class EndAssignmentValidator : AbstractValidator<EndAssignment>
{
    public EndAssignmentValidator()
    {
        RuleFor(a => a.CompanyId).NotEmpty();
        RuleFor(a => a.On).NotEmpty();
    }
}

public static class AssignInstructorDecider
{
    public static IReadOnlyList<object> Decide(PartyBuildingInstructor instructor, AssignInstructor command, DateTimeOffset now)
    {
        if (instructor.EndedOn is { } ended)
        {
            throw new DomainException($"The instructor's appointment ended on {ended:yyyy-MM-dd}.");
        }

        if (instructor.Assignments.Any(a => a.CompanyId == command.CompanyId && a.IsOpen))
        {
            throw new DomainException("The instructor is already assigned to this company.");
        }

        if (command.From < instructor.AppointedOn)
        {
            throw new DomainException($"An assignment cannot start before the appointment ({instructor.AppointedOn:yyyy-MM-dd}).");
        }

        var from = DistrictCalendar.FactDay(command.From, now, "assignment");
        if (instructor.Assignments.Any(a => a.CompanyId == command.CompanyId && a.To >= from))
        {
            throw new DomainException("A new assignment to the company starts after the last one ended.");
        }

        return [new InstructorAssigned(instructor.Id, command.CompanyId, from, now)];
    }

    public static IReadOnlyList<object> Decide(PartyBuildingInstructor instructor, EndAssignment command, DateTimeOffset now)
    {
        if (instructor.Assignments.FirstOrDefault(a => a.CompanyId == command.CompanyId && a.IsOpen) is not { } open)
        {
            throw new DomainException("The instructor has no current assignment to this company.");
        }

        if (command.On < open.From)
        {
            throw new DomainException($"The assignment began on {open.From:yyyy-MM-dd}; it cannot end before.");
        }

        return [new InstructorAssignmentEnded(instructor.Id, command.CompanyId, DistrictCalendar.FactDay(command.On, now, "end of an assignment"), now)];
    }
}

public static class AssignInstructorEndpoint
{
    public static async Task<Ok<InstructorDetails>> Handle(
        Guid id, AssignInstructor command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        await RegisteredCompanies.Require(session, "companyId", [command.CompanyId], cancellationToken);

        return await session.Change<PartyBuildingInstructor, InstructorDetails>(
            id, expected, instructor => AssignInstructorDecider.Decide(instructor, command, time.GetUtcNow()), response, cancellationToken);
    }

    public static Task<Ok<InstructorDetails>> End(
        Guid id, EndAssignment command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PartyBuildingInstructor, InstructorDetails>(
            id, expected, instructor => AssignInstructorDecider.Decide(instructor, command, time.GetUtcNow()), response, cancellationToken);
}
