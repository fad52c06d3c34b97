using MassTransit;

namespace RedProperty.Contracts.Consultation.V1;

/// <summary>A community's joint meeting (党建联席会议) was held with a quorum.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record MeetingHeld(Guid MeetingId, Guid CommunityId, DateOnly HeldOn, int PartiesInvited, int PartiesPresent, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.consultation.meeting-held.v1";
}

/// <summary>A joint meeting adopted a resolution on an agenda item; <paramref name="SourceKind"/>/<paramref name="SourceId"/> say which event proposed it, if any.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ResolutionAdopted(
    Guid MeetingId, Guid CommunityId, Guid ItemId, string Title, string? SourceKind, Guid? SourceId, DateOnly DecidedOn, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.consultation.resolution-adopted.v1";
}

/// <summary>An action item of a resolution reached 100 %.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ActionItemCompleted(Guid ActionId, Guid MeetingId, Guid ItemId, Guid CommunityId, Guid OwnerPartyId, Guid? SourceId, DateOnly CompletedOn, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.consultation.action-item-completed.v1";
}

/// <summary>An action item passed its due day unfinished.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ActionItemOverdue(Guid ActionId, Guid MeetingId, Guid CommunityId, Guid OwnerPartyId, DateOnly DueOn, DateTimeOffset RaisedAt)
{
    public const string MessageName = "redproperty.consultation.action-item-overdue.v1";
}

/// <summary>A party-member head of a property company was appointed a concurrent member (兼任委员) of a community's big party committee.</summary>
/// <param name="Position">secretary, deputySecretary or member.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ConcurrentMemberAppointed(Guid CommitteeId, Guid CommunityId, Guid AppointmentId, Guid PartyMemberId, Guid? CompanyId, string Position, DateOnly From, DateOnly? To)
{
    public const string MessageName = "redproperty.consultation.concurrent-member-appointed.v1";
}

/// <summary>A concurrent member's appointment ended (its last day).</summary>
/// <param name="Reason">leftCompany | noLongerHead when it ended because the member left the company or the head role; absent when the committee ended it.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ConcurrentMemberEnded(Guid CommitteeId, Guid CommunityId, Guid AppointmentId, Guid PartyMemberId, DateOnly On, string? Reason = null)
{
    public const string MessageName = "redproperty.consultation.concurrent-member-ended.v1";
}
