using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Instructors;

/// <summary>Assign the instructor to a property company, from a date.</summary>
public sealed record AssignInstructor(Guid CompanyId, DateOnly From);

public sealed class AssignInstructorValidator : AbstractValidator<AssignInstructor>
{
    public AssignInstructorValidator()
    {
        RuleFor(a => a.CompanyId).NotEmpty();
        RuleFor(a => a.From).NotEmpty();
    }
}

public static class AssignInstructorDecider
{
    public static IReadOnlyList<object> Decide(PartyBuildingInstructor instructor, AssignInstructor command, DateTimeOffset now) =>
        instructor.CompanyIds.Contains(command.CompanyId)
            ? throw new DomainException("The instructor is already assigned to this company.")
            : [new InstructorAssigned(instructor.Id, command.CompanyId, command.From, now)];
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
}
