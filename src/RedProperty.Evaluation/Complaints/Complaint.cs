using RedProperty.BuildingBlocks;

namespace RedProperty.Evaluation.Complaints;

// Events of a complaint's stream (投诉), stream id = complaint id. The complainant's contact details
// are in ComplaintFiled only, and leave the service in no contract, log or public answer.

/// <summary>Who complained and how to reach them: personal data, read only through an audited endpoint.</summary>
public sealed record Complainant(string? Name, string? Phone, string? Email, string? DeviceId);

/// <summary>Where: an estate of the registry (Open311 <c>address_id</c>), or coordinates, or a free address.</summary>
public sealed record ComplaintLocation(Guid? EstateId, Guid? CommunityId, string? Address, double? Latitude, double? Longitude);

public sealed record ComplaintFiled(
    Guid ComplaintId, string ServiceCode, string Description, ComplaintLocation Location, Guid? CompanyId, Complainant Complainant,
    IReadOnlyDictionary<string, string> Attributes, string? MediaUrl, string Channel, DateTimeOffset DueAt, DateTimeOffset FiledAt,
    string? FiledBy = null, WorkOrder? WorkOrder = null) : IDatedFact
{
    // WorkOrder: the hotline's (or another channel's) work order; FiledAt is then when that source received it.
    // FiledBy: the account that filed it (an API key's id, an operator): a complaint client reads only what it filed.
    // Channel is the client's display name, which two keys may share. Null in complaints filed before it was kept.

    public DateOnly TookEffectOn() => DistrictCalendar.Today(FiledAt);
}

public sealed record ComplaintAccepted(Guid ComplaintId, string ServiceCode, DateOnly FiledOn, Guid EstateId, Guid CommunityId, Guid? CompanyId, string? Note, string By, DateTimeOffset AcceptedAt);

public enum Ruling
{
    Invalid,
    Duplicate,
}

public sealed record ComplaintRuledOut(Guid ComplaintId, Guid? CompanyId, Ruling Ruling, string Reason, Guid? DuplicateOf, string By, DateTimeOffset RuledAt);

public sealed record ComplaintAssigned(Guid ComplaintId, Guid CompanyId, string By, DateTimeOffset AssignedAt);

public sealed record ComplaintResponded(Guid ComplaintId, Guid CompanyId, string Response, string By, DateTimeOffset RespondedAt);

public sealed record ComplaintResolved(Guid ComplaintId, Guid? CompanyId, Guid? CommunityId, string Note, string By, DateTimeOffset ResolvedAt);

/// <param name="ResolvedAt">When the resolution it undoes was made (null in events of versions before 2026-12).</param>
public sealed record ComplaintReopened(Guid ComplaintId, string Reason, string By, DateTimeOffset ReopenedAt, DateTimeOffset? ResolvedAt = null);

public sealed record ComplaintSatisfactionRated(Guid ComplaintId, int Score, string? Comment, DateTimeOffset RatedAt);

public sealed record ComplaintClosed(Guid ComplaintId, Guid? CompanyId, int? Satisfaction, string? Note, string By, DateTimeOffset ClosedAt);

/// <summary>Unresolved past its service level; raised once per complaint by <see cref="OverdueComplaints"/>.</summary>
public sealed record ComplaintOverdue(Guid ComplaintId, Guid? CompanyId, Guid? CommunityId, Guid? EstateId, DateTimeOffset DueAt, DateTimeOffset RaisedAt);

/// <summary>filed → accepted | ruled invalid / duplicate → assigned → responded → resolved (→ reopened → …) → closed.</summary>
public enum ComplaintStatus
{
    Filed,
    Accepted,
    RuledInvalid,
    RuledDuplicate,
    Assigned,
    Responded,
    Resolved,
    Reopened,
    Closed,
}

/// <summary>What the deciders need to know about a complaint; evolved from its events.</summary>
public sealed record Complaint(
    Guid Id, string ServiceCode, ComplaintStatus Status, Guid? EstateId, Guid? CommunityId, Guid? CompanyId, DateTimeOffset FiledAt, DateTimeOffset DueAt, bool Overdue, int? Satisfaction, Ruling? Ruling)
{
    /// <summary>Open311's <c>closed</c>: nothing more is expected of the company.</summary>
    public static bool IsClosedStatus(ComplaintStatus status) =>
        status is ComplaintStatus.Resolved or ComplaintStatus.Closed or ComplaintStatus.RuledInvalid or ComplaintStatus.RuledDuplicate;

    public bool Unresolved => !IsClosedStatus(Status);

    /// <summary>When it was last resolved, while it stays resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    public static Complaint Create(ComplaintFiled e) =>
        new(e.ComplaintId, e.ServiceCode, ComplaintStatus.Filed, e.Location.EstateId, e.Location.CommunityId, e.CompanyId, e.FiledAt, e.DueAt, false, null, null);

    public Complaint Apply(ComplaintAccepted e) =>
        this with { Status = ComplaintStatus.Accepted, EstateId = e.EstateId, CommunityId = e.CommunityId, CompanyId = e.CompanyId ?? CompanyId };

    public Complaint Apply(ComplaintRuledOut e) =>
        this with { Status = e.Ruling == Complaints.Ruling.Invalid ? ComplaintStatus.RuledInvalid : ComplaintStatus.RuledDuplicate, Ruling = e.Ruling };

    public Complaint Apply(ComplaintAssigned e) => this with { Status = ComplaintStatus.Assigned, CompanyId = e.CompanyId };

    public Complaint Apply(ComplaintResponded e) => this with { Status = ComplaintStatus.Responded };

    public Complaint Apply(ComplaintResolved e) => this with { Status = ComplaintStatus.Resolved, ResolvedAt = e.ResolvedAt };

    public Complaint Apply(ComplaintReopened e) => this with { Status = ComplaintStatus.Reopened, ResolvedAt = null };

    public Complaint Apply(ComplaintSatisfactionRated e) => this with { Satisfaction = e.Score };

    public Complaint Apply(ComplaintClosed e) => this with { Status = ComplaintStatus.Closed };

    public Complaint Apply(ComplaintOverdue e) => this with { Overdue = true };
}
