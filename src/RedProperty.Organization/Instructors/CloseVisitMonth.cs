namespace RedProperty.Organization.Instructors;

/// <summary>A closed month's record, one stream per month, so a month closes exactly once.</summary>
public sealed record InstructorMonthClosed(string Month, int Minimum, DateTimeOffset ClosedAt);

/// <summary>An instructor visited an assigned company fewer times in a month than the rule asks (每月至少深入企业2次).</summary>
public sealed record InstructorVisitsBelowMinimum(Guid InstructorId, Guid CompanyId, string Month, int Visits, int Minimum, DateTimeOffset RecordedAt);

public sealed record InstructorMonthClose(string Month)
{
    public static InstructorMonthClose Create(InstructorMonthClosed e) => new(e.Month);
}

public static class CloseVisitMonthDecider
{
    /// <summary>The month's close decided from the instructors' records: the closing event and one per shortfall.</summary>
    public static IReadOnlyList<object> Decide(IEnumerable<InstructorDetails> instructors, DateOnly month, DateTimeOffset now)
    {
        if (now < DistrictCalendar.StartOf(month.AddMonths(1)))
        {
            throw new DomainException($"{VisitCompliance.Name(month)} is not over yet.");
        }

        var shortfalls = VisitCompliance.Evaluate(instructors, month)
            .Where(r => r.BelowMinimum)
            .Select(r => (object)new InstructorVisitsBelowMinimum(r.InstructorId, r.CompanyId, VisitCompliance.Name(month), r.Visits, r.Minimum, now));
        return [new InstructorMonthClosed(VisitCompliance.Name(month), VisitCompliance.MinimumVisitsPerMonth, now), .. shortfalls];
    }
}

public static class CloseVisitMonth
{
    /// <summary>Closes the month once; a second close (another instance, or an operator) is a 409.</summary>
    public static async Task<MonthlyCompliance> CloseMonth(IDocumentSession session, DateOnly month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instructors = await session.Query<InstructorDetails>().ToListAsync(cancellationToken);
        session.Events.StartStream<InstructorMonthClose>(VisitCompliance.StreamId(month), CloseVisitMonthDecider.Decide(instructors, month, now).ToArray());
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            throw new DomainException($"{VisitCompliance.Name(month)} is already closed.");
        }

        return new MonthlyCompliance(VisitCompliance.Name(month), VisitCompliance.MinimumVisitsPerMonth, true, VisitCompliance.Evaluate(instructors, month));
    }

    public static async Task<Ok<MonthlyCompliance>> Close(string month, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await CloseMonth(session, VisitCompliance.ParseMonth(month), time.GetUtcNow(), cancellationToken));
}
