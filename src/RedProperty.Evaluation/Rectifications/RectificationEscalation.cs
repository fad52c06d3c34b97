namespace RedProperty.Evaluation.Rectifications;

/// <summary>
/// Escalates orders not rectified by their deadline (district days, by the injected TimeProvider): a
/// yellow card the day after the deadline, an interview (约谈) <c>Rectifications:InterviewAfterDays</c>
/// (14) after it. Checked every <c>Rectifications:CheckEvery</c> (10 min); each step once. A pass takes
/// every step due by then (after downtime, a card and the interview together), so what a restart
/// finds to do it finishes in one pass.
/// </summary>
public sealed class RectificationEscalation(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<RectificationEscalation> logger)
    : ExclusivePeriodicJob(store, time, logger)
{
    private readonly int _interviewAfter = configuration.GetValue("Rectifications:InterviewAfterDays", 14);

    protected override TimeSpan Interval { get; } = configuration.GetValue("Rectifications:CheckEvery", TimeSpan.FromMinutes(10));

    protected override string Work => "Escalating missed rectification deadlines";

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => EscalateAsync(Store, now, _interviewAfter, cancellationToken);

    /// <summary>The escalation due for an order on <paramref name="today"/>, if any (pure).</summary>
    public static EscalationLevel? Due(RectificationOrder order, DateOnly today, int interviewAfterDays) =>
        order.Status == RectificationStatus.Rectified || today <= order.Deadline ? null
        : order.Escalation is null ? EscalationLevel.YellowCard
        : order.Escalation == EscalationLevel.YellowCard && today > order.Deadline.AddDays(interviewAfterDays) ? EscalationLevel.Interview
        : null;

    public static async Task EscalateAsync(IDocumentStore store, DateTimeOffset now, int interviewAfterDays, CancellationToken cancellationToken)
    {
        while (await EscalateOnceAsync(store, now, interviewAfterDays, cancellationToken) > 0)
        {
        }
    }

    /// <returns>How many orders were escalated a step.</returns>
    private static async Task<int> EscalateOnceAsync(IDocumentStore store, DateTimeOffset now, int interviewAfterDays, CancellationToken cancellationToken)
    {
        var today = DistrictCalendar.Today(now);
        await using var query = store.QuerySession();
        var late = await query.Query<RectificationDetails>()
            .Where(r => r.Status != RectificationStatus.Rectified && r.Deadline < today && (r.Escalation == null || r.Escalation == EscalationLevel.YellowCard))
            .ToListAsync(cancellationToken);
        return await LateStreams.AppendOnceAsync(store, late, r => r.Id, r => r.Version, r =>
            Due(new RectificationOrder(r.Id, r.CompanyId, r.Deadline, r.Status, r.Escalation), today, interviewAfterDays) is { } level
                ? [new RectificationEscalated(r.Id, r.CompanyId, level, r.Deadline, today, now)]
                : [], cancellationToken);
    }
}
