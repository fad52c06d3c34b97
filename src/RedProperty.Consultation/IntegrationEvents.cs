using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using V1 = RedProperty.Contracts.Consultation.V1;

namespace RedProperty.Consultation;

/// <summary>Which of Consultation's events leave the service, and as which public contract. No contacts, no minutes.</summary>
public static class IntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<MeetingHeld>(e => new V1.MeetingHeld(e.Data.MeetingId, e.Data.CommunityId, e.Data.HeldOn, e.Data.Invited, e.Data.Present, e.Data.RecordedAt))
        .Map<DecisionRecorded>(e => e.Data.Outcome == DecisionOutcome.Adopted
            ? new V1.ResolutionAdopted(e.Data.MeetingId, e.Data.CommunityId, e.Data.ItemId, e.Data.ItemTitle, e.Data.Source?.Kind, e.Data.Source?.SourceId, e.Data.DecidedOn, e.Data.RecordedAt)
            : null)
        .Map<ActionItemCompleted>(e => new V1.ActionItemCompleted(
            e.Data.ActionId, e.Data.MeetingId, e.Data.ItemId, e.Data.CommunityId, e.Data.OwnerPartyId, e.Data.Source?.SourceId, e.Data.On, e.Data.RecordedAt))
        .Map<ActionItemOverdue>(e => new V1.ActionItemOverdue(e.Data.ActionId, e.Data.MeetingId, e.Data.CommunityId, e.Data.OwnerPartyId, e.Data.DueOn, e.Data.RaisedAt))
        .Map<CommitteeMemberAppointed>(e => e.Data.PartyMemberId is { } member
            ? new V1.ConcurrentMemberAppointed(e.Data.CommitteeId, e.Data.CommunityId, e.Data.AppointmentId, member, e.Data.CompanyId,
                IntegrationEventMap.Wire(e.Data.Position), e.Data.From, e.Data.To)
            : null)
        .Map<CommitteeMemberAppointmentEnded>(e => e.Data.PartyMemberId is { } member
            ? new V1.ConcurrentMemberEnded(e.Data.CommitteeId, e.Data.CommunityId, e.Data.AppointmentId, member, e.Data.On, e.Data.Reason)
            : null);
}
