using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;
using V1 = RedProperty.Contracts.Volunteering.V1;

namespace RedProperty.Volunteering;

/// <summary>Which of Volunteering's events leave the service, and as which public contract. No phones, ID numbers or parties' names.</summary>
public static class IntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<TeamFormed>(e => new V1.VolunteerTeamFormed(e.Data.TeamId, e.Data.CommunityId, e.Data.Name, e.Data.FormedOn, e.Data.FormedAt))
        .Map<ActivityHeld>(e => new V1.ActivityHeld(e.Data.ActivityId, e.Data.CommunityId, e.Data.EstateId, e.Data.Type, e.Data.HeldOn, e.Data.Outcomes, e.Data.Volunteers, e.Data.Hours, e.Data.RecordedAt))
        .Map<VolunteerHoursRecorded>(e => new V1.VolunteerHoursRecorded(e.Data.VolunteerId, IntegrationEventMap.Wire(e.Data.Kind), e.Data.SourceId, e.Data.Hours, e.Data.On, e.Data.RecordedAt))
        .Map<DisputeRegistered>(e => new V1.DisputeRegistered(
            e.Data.DisputeId, e.Data.CommunityId, e.Data.EstateId, IntegrationEventMap.Wire(e.Data.Source), e.Data.SourceId, e.Data.RegisteredOn, e.Data.RegisteredAt))
        .Map<DisputeClosed>(e => e.Data.Mediated
            ? new V1.DisputeMediated(e.Data.DisputeId, e.Data.CommunityId, IntegrationEventMap.Wire(e.Data.Outcome), e.Data.On, e.Data.RecordedAt, e.Data.Resolved)
            : null)
        .Map<DisputeEscalated>(e => new V1.DisputeEscalated(e.Data.DisputeId, e.Data.CommunityId, e.Data.Reason, e.Data.On, e.Data.RecordedAt));
}
