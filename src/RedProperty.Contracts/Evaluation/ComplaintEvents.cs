using MassTransit;

namespace RedProperty.Contracts.Evaluation.V1;

// Complaints (投诉) against property companies. No personal data: a complainant's name, phone,
// e-mail and device never leave the Evaluation service.

/// <summary>A complaint was filed (Open311 or the operators' API); not yet ruled valid.</summary>
/// <param name="ServiceCode">The complaint category, e.g. <c>sanitation</c> (GET /open311/v2/services.json lists them).</param>
/// <param name="EstateId">The estate complained about, when the complaint named one.</param>
/// <param name="CompanyId">The company serving that estate on the day, or the one the complaint named.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ComplaintFiled(
    Guid ComplaintId, string ServiceCode, Guid? EstateId, Guid? CommunityId, Guid? CompanyId, DateOnly FiledOn, DateTimeOffset FiledAt)
{
    public const string MessageName = "redproperty.evaluation.complaint-filed.v1";
}

/// <summary>A complaint was accepted as valid: it counts in its company's complaint rate.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ComplaintAccepted(Guid ComplaintId, string ServiceCode, Guid EstateId, Guid CommunityId, Guid? CompanyId, DateOnly FiledOn, DateTimeOffset AcceptedAt)
{
    public const string MessageName = "redproperty.evaluation.complaint-accepted.v1";
}

/// <summary>A complaint was resolved (it may still be reopened).</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ComplaintResolved(Guid ComplaintId, Guid? CompanyId, Guid? CommunityId, DateOnly ResolvedOn, DateTimeOffset ResolvedAt)
{
    public const string MessageName = "redproperty.evaluation.complaint-resolved.v1";
}

/// <summary>A complaint was left unresolved past its service level.</summary>
/// <param name="DueAt">When it should have been resolved (filed + the service level, 72 h by default).</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ComplaintOverdue(Guid ComplaintId, Guid? CompanyId, Guid? CommunityId, Guid? EstateId, DateTimeOffset DueAt, DateTimeOffset RaisedAt)
{
    public const string MessageName = "redproperty.evaluation.complaint-overdue.v1";
}

/// <summary>A complaint was closed; <paramref name="Satisfaction"/> is the resident's rating (1–5) when given.</summary>
/// <param name="Outcome"><c>resolved</c>, <c>invalid</c> or <c>duplicate</c>.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ComplaintClosed(Guid ComplaintId, Guid? CompanyId, string Outcome, int? Satisfaction, DateTimeOffset ClosedAt)
{
    public const string MessageName = "redproperty.evaluation.complaint-closed.v1";
}
