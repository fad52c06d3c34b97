namespace RedProperty.Evaluation.Rectifications;

/// <summary>
/// Escalates orders not rectified by their deadline (district days, by the injected TimeProvider): a
/// yellow card the day after the deadline, an interview (约谈) <c>Rectifications:InterviewAfterDays</c>
/// (14) after it. Checked every <c>Rectifications:CheckEvery</c> (10 min); each step once.
/// </summary>
public sealed class RectificationEscalation(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<RectificationEscalation> logger)
    : QuietPeriodicJob(time, logger)
{
    private readonly int _interviewAfter = configuration.GetValue("Rectifications:InterviewAfterDays", 14);

    protected override TimeSpan Interval { get; } = configuration.GetValue("Rectifications:CheckEvery", TimeSpan.FromMinutes(10));

    protected override string Work => "Escalating missed rectification deadlines";

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => EscalateAsync(store, now, _interviewAfter, cancellationToken);

    /// <summary>The escalation due for an order on <paramref name="today"/>, if any (pure).</summary>
    public static EscalationLevel? Due(RectificationOrder order, DateOnly today, int interviewAfterDays) =>
        order.Status == RectificationStatus.Rectified || today <= order.Deadline ? null
        : order.Escalation is null ? EscalationLevel.YellowCard
        : order.Escalation == EscalationLevel.YellowCard && today > order.Deadline.AddDays(interviewAfterDays) ? EscalationLevel.Interview
        : null;

    public static async Task EscalateAsync(IDocumentStore store, DateTimeOffset now, int interviewAfterDays, CancellationToken cancellationToken)
    {
        var today = DistrictCalendar.Today(now);
        await using var query = store.QuerySession();
        var late = await query.Query<RectificationDetails>()
            .Where(r => r.Status != RectificationStatus.Rectified && r.Deadline < today && (r.Escalation == null || r.Escalation == EscalationLevel.YellowCard))
            .ToListAsync(cancellationToken);
        foreach (var details in late)
        {
            var order = new RectificationOrder(details.Id, details.CompanyId, details.Deadline, details.Status, details.Escalation);
            if (Due(order, today, interviewAfterDays) is not { } level)
            {
                continue;
            }

            await using var session = store.LightweightSession();
            session.Events.Append(details.Id, details.Version + 1, new RectificationEscalated(details.Id, details.CompanyId, level, details.Deadline, today, now));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Changed since it was read: the next pass looks again.
            }
        }
    }
}
