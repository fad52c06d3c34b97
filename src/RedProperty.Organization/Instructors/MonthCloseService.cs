using Marten;
using RedProperty.BuildingBlocks;

namespace RedProperty.Organization.Instructors;

/// <summary>
/// Closes each month when it ends (district time, from the injected TimeProvider): records an
/// <see cref="InstructorVisitsBelowMinimum"/> for every shortfall. On start it closes the month
/// just ended if nobody has; several instances race safely, since a month's stream starts once.
/// </summary>
public sealed class MonthCloseService(IDocumentStore store, TimeProvider time, ILogger<MonthCloseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var today = DistrictCalendar.Today(now);
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            if (!await TryClose(thisMonth.AddMonths(-1), now, stoppingToken))
            {
                await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
                continue;
            }

            var next = DistrictCalendar.StartOf(thisMonth.AddMonths(1));
            await Task.Delay(next - now, time, stoppingToken);
        }
    }

    private async Task<bool> TryClose(DateOnly month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.LightweightSession();
            if (await session.Events.FetchStreamStateAsync(VisitCompliance.StreamId(month), cancellationToken) is null)
            {
                var closed = await VisitCompliance.CloseMonth(session, month, now, cancellationToken);
                logger.LogInformation("Closed {Month}: {Shortfalls} instructor visit shortfalls", closed.Month, closed.Rows.Count(r => r.BelowMinimum));
            }

            return true;
        }
        catch (DomainException)
        {
            return true; // another instance closed it first
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Closing {Month} failed; retrying in a minute", VisitCompliance.Name(month));
            return false;
        }
    }
}
