using Marten.Events.Aggregation;

namespace RedProperty.Evaluation.Rectifications;

public sealed record RectificationStep(string What, DateTimeOffset At, string? Note);

public sealed record RectificationDetails(
    Guid Id, Guid CompanyId, RectificationSource Source, Guid? SourceId, string Reason, DateOnly OrderedOn, DateOnly Deadline, RectificationStatus Status) : IVersioned
{
    public EscalationLevel? Escalation { get; init; }

    public DateOnly? RectifiedOn { get; init; }

    public IReadOnlyList<RectificationStep> History { get; init; } = [];

    public bool Open => Status != RectificationStatus.Rectified;

    public long Version { get; set; }

    public static RectificationDetails Create(RectificationOrdered e) =>
        new(e.OrderId, e.CompanyId, e.Source, e.SourceId, e.Reason, e.OrderedOn, e.Deadline, RectificationStatus.Ordered)
        {
            History = [new RectificationStep("ordered", e.OrderedAt, e.Reason)],
            Version = 1,
        };
}

public sealed class RectificationDetailsProjection : SingleStreamProjection<RectificationDetails, Guid>
{
    public static RectificationDetails Create(RectificationOrdered e) => RectificationDetails.Create(e);

    public static RectificationDetails Apply(RectificationReported e, RectificationDetails r) =>
        r with { Status = RectificationStatus.Reported, History = [.. r.History, new RectificationStep("reported", e.ReportedAt, e.Report)] };

    public static RectificationDetails Apply(RectificationVerified e, RectificationDetails r) =>
        r with
        {
            Status = e.Passed ? RectificationStatus.Rectified : RectificationStatus.Ordered,
            RectifiedOn = e.Passed ? e.On : null,
            History = [.. r.History, new RectificationStep(e.Passed ? "verified" : "verification-failed", e.VerifiedAt, $"inspection {e.InspectionId}")],
        };

    public static RectificationDetails Apply(RectificationEscalated e, RectificationDetails r) =>
        r with
        {
            Escalation = e.Level,
            History = [.. r.History, new RectificationStep(e.Level == EscalationLevel.YellowCard ? "yellow-card" : "interview", e.EscalatedAt, $"deadline {e.Deadline:yyyy-MM-dd} missed")],
        };
}
