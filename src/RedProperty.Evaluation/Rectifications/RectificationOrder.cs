namespace RedProperty.Evaluation.Rectifications;

// A rectification order (限期整改): a black-listed company, or one whose estate failed a spot
// inspection, must put things right by a deadline. Stream id = order id.

public enum RectificationSource
{
    BlackList,
    Inspection,
    District,
}

/// <summary>Missed deadlines escalate: a yellow card at once, an interview (约谈) with the district later.</summary>
public enum EscalationLevel
{
    YellowCard,
    Interview,
}

public enum RectificationStatus
{
    Ordered,
    Reported,
    Rectified,
}

public sealed record RectificationOrdered(
    Guid OrderId, Guid CompanyId, RectificationSource Source, Guid? SourceId, string Reason, DateOnly OrderedOn, DateOnly Deadline, DateTimeOffset OrderedAt)
    : IDatedFact
{
    public DateOnly TookEffectOn() => OrderedOn;
}

/// <summary>The company reports what it did.</summary>
public sealed record RectificationReported(Guid OrderId, Guid CompanyId, string Report, string By, DateTimeOffset ReportedAt);

/// <summary>A follow-up inspection checked the report; passed means rectified.</summary>
public sealed record RectificationVerified(Guid OrderId, Guid CompanyId, Guid InspectionId, bool Passed, DateOnly On, DateTimeOffset VerifiedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record RectificationEscalated(Guid OrderId, Guid CompanyId, EscalationLevel Level, DateOnly Deadline, DateOnly On, DateTimeOffset EscalatedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record RectificationOrder(Guid Id, Guid CompanyId, DateOnly Deadline, RectificationStatus Status, EscalationLevel? Escalation)
{
    public static RectificationOrder Create(RectificationOrdered e) => new(e.OrderId, e.CompanyId, e.Deadline, RectificationStatus.Ordered, null);

    public RectificationOrder Apply(RectificationReported e) => this with { Status = RectificationStatus.Reported };

    public RectificationOrder Apply(RectificationVerified e) => this with { Status = e.Passed ? RectificationStatus.Rectified : RectificationStatus.Ordered };

    public RectificationOrder Apply(RectificationEscalated e) => this with { Escalation = e.Level };
}
