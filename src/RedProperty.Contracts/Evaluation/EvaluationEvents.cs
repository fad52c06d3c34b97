using MassTransit;

namespace RedProperty.Contracts.Evaluation.V1;

/// <summary>A spot inspection (现场抽查) of an estate was recorded: the company's score there.</summary>
/// <param name="SeriousBreach">A serious finding: the company is black-listed for the period whatever its score.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record InspectionCompleted(
    Guid InspectionId, Guid EstateId, Guid CommunityId, Guid CompanyId, DateOnly On, decimal Score, decimal MaxScore, bool Passed, bool SeriousBreach, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.evaluation.inspection-completed.v1";
}

/// <summary>One part of a score (inspections, complaints, satisfaction, partyBuilding): 0–100, null when nothing to judge by.</summary>
public sealed record ScoreComponent(string Name, decimal? Score, decimal Weight);

/// <summary>A company's score for an evaluation period; a later revision (an upheld objection) replaces an earlier one.</summary>
/// <param name="Period">2022Q2, 2022H1, 2022 or 2022-06.</param>
/// <param name="ComplaintRate">Valid complaints per 100 households served in the period.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record CompanyScored(
    string Period, Guid CompanyId, decimal Total, string Grade, bool SeriousBreach, decimal? ComplaintRate, IReadOnlyList<ScoreComponent> Components,
    int Revision, DateTimeOffset ScoredAt)
{
    public const string MessageName = "redproperty.evaluation.company-scored.v1";
}

/// <summary>The red list (红榜) of a period: publicly commended companies; a later revision replaces an earlier one.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record RedListPublished(string Period, IReadOnlyList<Guid> CompanyIds, int Revision, DateOnly PublishedOn, DateTimeOffset PublishedAt)
{
    public const string MessageName = "redproperty.evaluation.red-list-published.v1";
}

/// <summary>The black list (黑榜) of a period: companies ordered to rectify; a later revision replaces an earlier one.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record BlackListPublished(string Period, IReadOnlyList<Guid> CompanyIds, int Revision, DateOnly PublishedOn, DateTimeOffset PublishedAt)
{
    public const string MessageName = "redproperty.evaluation.black-list-published.v1";
}

/// <summary>A company was ordered to rectify by a deadline (限期整改).</summary>
/// <param name="Source">blackList, inspection or district.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record RectificationOrdered(Guid OrderId, Guid CompanyId, string Source, Guid? SourceId, [property: FreeText] string Reason, DateOnly OrderedOn, DateOnly Deadline, DateTimeOffset OrderedAt)
{
    public const string MessageName = "redproperty.evaluation.rectification-ordered.v1";
}

/// <summary>A follow-up inspection verified the rectification.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record RectificationCompleted(Guid OrderId, Guid CompanyId, Guid InspectionId, DateOnly RectifiedOn, DateTimeOffset VerifiedAt)
{
    public const string MessageName = "redproperty.evaluation.rectification-completed.v1";
}

/// <summary>The deadline passed unrectified: <paramref name="Level"/> yellowCard, then interview (约谈).</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record RectificationEscalated(Guid OrderId, Guid CompanyId, string Level, DateOnly Deadline, DateOnly On, DateTimeOffset EscalatedAt)
{
    public const string MessageName = "redproperty.evaluation.rectification-escalated.v1";
}

/// <summary>An improvement project was completed.</summary>
/// <param name="Kind">smartSecurityUpgrade, parkingSpaces or renovation.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ProjectCompleted(
    Guid ProjectId, string Kind, Guid EstateId, Guid CommunityId, int HouseholdsBenefiting, int ParkingSpaces, DateOnly CompletedOn, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.evaluation.project-completed.v1";
}
