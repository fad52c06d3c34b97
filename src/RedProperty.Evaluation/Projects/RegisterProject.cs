using RedProperty.Evaluation.Places;

namespace RedProperty.Evaluation.Projects;

/// <summary>Register an improvement project at an estate.</summary>
/// <param name="HouseholdsBenefiting">Households the project serves (default: the estate's households).</param>
/// <param name="ParkingSpaces">Spaces to be added (parking projects only).</param>
public sealed record RegisterProject(ProjectKind Kind, string Title, Guid EstateId, DateOnly StartedOn, int? HouseholdsBenefiting = null, int ParkingSpaces = 0);

public sealed class RegisterProjectValidator : AbstractValidator<RegisterProject>
{
    public RegisterProjectValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.EstateId).NotEmpty();
        RuleFor(c => c.StartedOn).NotEmpty();
        RuleFor(c => c.HouseholdsBenefiting).InclusiveBetween(0, 100_000);
        RuleFor(c => c.ParkingSpaces).InclusiveBetween(0, 10_000);
        RuleFor(c => c.ParkingSpaces).GreaterThan(0).When(c => c.Kind == ProjectKind.ParkingSpaces).WithMessage("A parking project adds at least one space.");
        RuleFor(c => c.ParkingSpaces).Equal(0).When(c => c.Kind != ProjectKind.ParkingSpaces).WithMessage("Only a parking project adds spaces.");
    }
}

public static class RegisterProjectDecider
{
    public static ProjectRegistered Decide(Guid id, RegisterProject command, EstateDirectoryEntry estate, DateTimeOffset now)
    {
        var households = command.HouseholdsBenefiting ?? estate.Households;
        if (households > estate.Households)
        {
            throw new DomainException($"{estate.Name} has {estate.Households} households; {households} cannot benefit.");
        }

        return new ProjectRegistered(id, command.Kind, command.Title.Trim(), estate.Id, estate.CommunityId, estate.CompanyOn(command.StartedOn),
            households, command.ParkingSpaces, DistrictCalendar.FactDay(command.StartedOn, now, "start"), now);
    }
}

public static class RegisterProjectEndpoint
{
    public static async Task<Created<ProjectDetails>> Handle(
        RegisterProject command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var estate = await EstateDirectory.Require(session, "estateId", command.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var registered = RegisterProjectDecider.Decide(Guid.CreateVersion7(now), command, estate, now);
        return await session.Start<ImprovementProject, ProjectDetails>(
            registered.ProjectId, registered, ProjectDetails.Create(registered), $"/api/evaluation/projects/{registered.ProjectId}", response, cancellationToken);
    }
}
