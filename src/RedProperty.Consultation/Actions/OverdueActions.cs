namespace RedProperty.Consultation.Actions;

/// <summary>
/// Raises <see cref="ActionItemOverdue"/> once for every action item unfinished past its due day
/// (district days, the injected TimeProvider), every <c>Actions:OverdueCheckEvery</c> (10 min).
/// </summary>
public sealed class OverdueActions(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<OverdueActions> logger) : ExclusivePeriodicJob(store, time, logger)
{
    protected override TimeSpan Interval { get; } = configuration.GetValue("Actions:OverdueCheckEvery", TimeSpan.FromMinutes(10));

    protected override string Work => "Checking action items for overdue ones";

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => RaiseAsync(Store, now, cancellationToken);

    public static async Task RaiseAsync(IDocumentStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DistrictCalendar.Today(now);
        await using var query = store.QuerySession();
        var late = await query.Query<ActionDetails>().Where(a => !a.Overdue && a.CompletedOn == null && a.DueOn < today).ToListAsync(cancellationToken);
        await LateStreams.AppendOnceAsync(store, late, a => a.Id, a => a.Version,
            a => [new ActionItemOverdue(a.Id, a.MeetingId, a.CommunityId, a.OwnerPartyId, a.DueOn, today, now)], cancellationToken);
    }
}
