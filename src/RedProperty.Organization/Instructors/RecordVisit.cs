namespace RedProperty.Organization.Instructors;

/// <summary>An instructor's visit to an assigned company: what was guided, how many disputes were coordinated.</summary>
public sealed record RecordVisit(Guid CompanyId, DateOnly On, IReadOnlyList<string> Topics, int DisputesCoordinated);

public sealed class RecordVisitValidator : AbstractValidator<RecordVisit>
{
    public RecordVisitValidator()
    {
        RuleFor(v => v.CompanyId).NotEmpty();
        RuleFor(v => v.On).NotEmpty();
        RuleFor(v => v.Topics).NotEmpty();
        RuleForEach(v => v.Topics).NotEmpty().MaximumLength(100);
        RuleFor(v => v.DisputesCoordinated).InclusiveBetween(0, 1_000);
    }
}

public static class RecordVisitDecider
{
    public static IReadOnlyList<object> Decide(PartyBuildingInstructor instructor, RecordVisit command, DateOnly today, bool monthClosed, DateTimeOffset now)
    {
        if (monthClosed)
        {
            throw new DomainException($"{command.On:yyyy-MM} is closed; its compliance was already recorded.");
        }

        if (command.On > today)
        {
            throw new DomainException($"A visit on {command.On:yyyy-MM-dd} has not happened yet.");
        }

        // Visits count inside an assignment to the company, and one a day.
        if (!instructor.Assignments.Any(a => a.CompanyId == command.CompanyId && a.Covers(command.On)))
        {
            throw new DomainException($"The instructor was not assigned to this company on {command.On:yyyy-MM-dd}.");
        }

        if (instructor.Visits.Contains((command.CompanyId, command.On)))
        {
            throw new DomainException($"A visit to this company on {command.On:yyyy-MM-dd} is already recorded (one a day counts).");
        }

        return [new InstructorVisitRecorded(instructor.Id, command.CompanyId, command.On, command.Topics, command.DisputesCoordinated, now)];
    }
}

public static class RecordVisitEndpoint
{
    public static async Task<Ok<InstructorDetails>> Handle(
        Guid id, RecordVisit command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var month = DistrictCalendar.MonthOf(command.On);
        var closed = await session.Events.FetchStreamStateAsync(VisitCompliance.StreamId(month), cancellationToken) is not null;
        return await session.Change<PartyBuildingInstructor, InstructorDetails>(
            id, expected, instructor => RecordVisitDecider.Decide(instructor, command, DistrictCalendar.Today(now), closed, now), response, cancellationToken);
    }
}
