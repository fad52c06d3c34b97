namespace RedProperty.Organization.Instructors;

/// <summary>
/// Closes each month once it has ended (district time, from the injected TimeProvider) and a grace
/// period for late entries has passed (<c>Instructors:MonthCloseGraceDays</c>, default 1): records an
/// <see cref="InstructorVisitsBelowMinimum"/> for every shortfall. Each pass also closes any earlier
/// month left open (the service was down), back to the first appointment and at most a year. Several instances race
/// safely: a month's stream starts once.
/// </summary>
public sealed class MonthCloseService(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<MonthCloseService> logger)
    : BackgroundService
{
    private readonly TimeSpan _grace = TimeSpan.FromDays(configuration.GetValue("Instructors:MonthCloseGraceDays", 1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var wait = await TryCloseEndedMonths(now, stoppingToken) ? UntilNextClose(now) : TimeSpan.FromMinutes(1);
            await Task.Delay(wait, time, stoppingToken);
        }
    }

    /// <summary>The last month whose grace period is over at <paramref name="now"/>.</summary>
    private DateOnly LastClosable(DateTimeOffset now)
    {
        var today = DistrictCalendar.Today(now - _grace);
        return DistrictCalendar.MonthOf(today).AddMonths(-1);
    }

    private TimeSpan UntilNextClose(DateTimeOffset now) =>
        DistrictCalendar.StartOf(LastClosable(now).AddMonths(2)) + _grace - now;

    private async Task<bool> TryCloseEndedMonths(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.LightweightSession();
            var first = await session.Query<InstructorDetails>().OrderBy(i => i.AppointedOn).Select(i => i.AppointedOn).FirstOrDefaultAsync(cancellationToken);
            if (first == default)
            {
                return true; // no instructors, nothing to close
            }

            // Back to the first appointment, but at most a year: older months predate the records.
            var last = LastClosable(now);
            var earliest = new[] { DistrictCalendar.MonthOf(first), last.AddMonths(-11) }.Max();
            for (var month = last; month >= earliest; month = month.AddMonths(-1))
            {
                if (await session.Events.FetchStreamStateAsync(VisitCompliance.StreamId(month), cancellationToken) is not null)
                {
                    break; // this and every earlier month are closed
                }

                await using var closing = store.LightweightSession();
                try
                {
                    var closed = await CloseVisitMonth.CloseMonth(closing, month, now, cancellationToken);
                    logger.LogInformation("Closed {Month}: {Shortfalls} instructor visit shortfalls", closed.Month, closed.Rows.Count(r => r.BelowMinimum));
                }
                catch (DomainException)
                {
                    // another instance closed it first
                }
            }

            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Closing ended months failed; retrying in a minute");
            return false;
        }
    }
}
