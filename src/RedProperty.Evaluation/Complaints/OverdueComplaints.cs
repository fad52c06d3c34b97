namespace RedProperty.Evaluation.Complaints;

/// <summary>
/// Raises <see cref="ComplaintOverdue"/> once for every complaint still unresolved past its service
/// level (due time from filing, <c>Complaints:ServiceLevel</c>), checking every
/// <c>Complaints:OverdueCheckEvery</c> (default 1 min) by the injected TimeProvider. Several instances
/// race safely: the event is appended at the version read, so only one of them succeeds.
/// </summary>
public sealed class OverdueComplaints(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<OverdueComplaints> logger)
    : ExclusivePeriodicJob(store, time, logger)
{
    private const int Batch = 500;

    protected override TimeSpan Interval { get; } = configuration.GetValue("Complaints:OverdueCheckEvery", TimeSpan.FromMinutes(1));

    protected override string Work => "Checking complaints for overdue ones";

    protected override async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (await RaiseAsync(Store, now, cancellationToken) == Batch)
        {
        }
    }

    /// <summary>One pass: marks up to <see cref="Batch"/> overdue complaints; returns how many it looked at.</summary>
    public static async Task<int> RaiseAsync(IDocumentStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var closed = Enum.GetValues<ComplaintStatus>().Where(Complaint.IsClosedStatus).ToArray();
        await using var query = store.QuerySession();
        var due = await query.Query<ComplaintDetails>()
            .Where(c => !c.Overdue && c.DueAt <= now && !closed.Contains(c.Status))
            .OrderBy(c => c.DueAt).Take(Batch)
            .Select(c => new { c.Id, c.Version, c.DueAt, c.CompanyId, c.Location.CommunityId, c.Location.EstateId })
            .ToListAsync(cancellationToken);
        await LateStreams.AppendOnceAsync(store, due, c => c.Id, c => c.Version,
            c => [new ComplaintOverdue(c.Id, c.CompanyId, c.CommunityId, c.EstateId, c.DueAt, now)], cancellationToken);
        return due.Count;
    }
}
