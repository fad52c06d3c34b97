namespace RedProperty.Evaluation.Projects;

/// <summary>The project is done and accepted; final figures when they differ from the plan.</summary>
public sealed record CompleteProject(DateOnly CompletedOn, int? HouseholdsBenefiting = null, int? ParkingSpaces = null);

public sealed class CompleteProjectValidator : AbstractValidator<CompleteProject>
{
    public CompleteProjectValidator()
    {
        RuleFor(c => c.CompletedOn).NotEmpty();
        RuleFor(c => c.HouseholdsBenefiting).InclusiveBetween(0, 100_000);
        RuleFor(c => c.ParkingSpaces).InclusiveBetween(0, 10_000);
    }
}

public static class CompleteProjectDecider
{
    public static IReadOnlyList<object> Decide(ImprovementProject project, ProjectDetails planned, CompleteProject command, DateTimeOffset now)
    {
        if (project.CompletedOn is { } done)
        {
            throw new DomainException($"The project was completed on {done:yyyy-MM-dd}.");
        }

        var on = DistrictCalendar.FactDay(command.CompletedOn, now, "completion");
        if (on < project.StartedOn)
        {
            throw new DomainException($"A project started on {project.StartedOn:yyyy-MM-dd} cannot be completed before.");
        }

        if (project.Kind != ProjectKind.ParkingSpaces && command.ParkingSpaces is > 0)
        {
            throw new DomainException("Only a parking project adds spaces.");
        }

        return [new ProjectCompleted(project.Id, project.Kind, project.EstateId, project.CommunityId,
            command.HouseholdsBenefiting ?? planned.HouseholdsBenefiting, command.ParkingSpaces ?? planned.ParkingSpaces, on, now)];
    }
}

public static class CompleteProjectEndpoint
{
    public static async Task<Ok<ProjectDetails>> Handle(
        Guid id, CompleteProject command, ExpectedVersion expected, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var planned = await session.LoadAsync<ProjectDetails>(id, cancellationToken) ?? throw new ResourceNotFoundException($"No project with id {id}.");
        return await session.Change<ImprovementProject, ProjectDetails>(
            id, expected, project => CompleteProjectDecider.Decide(project, planned, command, time.GetUtcNow()), response, cancellationToken);
    }
}
