namespace RedProperty.Volunteering.Disputes;

/// <summary>
/// A dispute still open a month after registration (<see cref="DisputeDecider.TargetDays"/>) is
/// overdue once, and escalated to its community's joint meeting; checked every
/// <c>Disputes:OverdueCheckEvery</c> (10 min) by the injected clock.
/// </summary>
public sealed class OverdueDisputes(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<OverdueDisputes> logger) : ExclusivePeriodicJob(store, time, logger)
{
    protected override TimeSpan Interval { get; } = configuration.GetValue("Disputes:OverdueCheckEvery", TimeSpan.FromMinutes(10));

    protected override string Work => "Checking disputes for overdue ones";

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => RaiseAsync(Store, now, cancellationToken);

    public static async Task RaiseAsync(IDocumentStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DistrictCalendar.Today(now);
        await using var query = store.QuerySession();
        var late = await query.Query<DisputeDetails>()
            .Where(d => !d.Overdue && d.TargetOn < today && d.Status != DisputeStatus.Closed && d.Status != DisputeStatus.Referred)
            .ToListAsync(cancellationToken);
        await LateStreams.AppendOnceAsync(store, late, d => d.Id, d => d.Version, d => d.Escalated
            ? [new DisputeOverdue(d.Id, d.CommunityId, d.TargetOn, now)]
            : [new DisputeOverdue(d.Id, d.CommunityId, d.TargetOn, now),
               new DisputeEscalated(d.Id, d.CommunityId, $"调解超过一个月（{d.TargetOn:yyyy-MM-dd}）未结", today, now)], cancellationToken);
    }
}
