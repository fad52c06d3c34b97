using MassTransit;

namespace RedProperty.Contracts.Volunteering.V1;

// Volunteering's public facts. No phone, no ID number, no dispute party's name leaves the service.

/// <summary>A "Red Property" volunteer team (志愿服务队) was formed in a community.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record VolunteerTeamFormed(Guid TeamId, Guid CommunityId, string Name, DateOnly FormedOn, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.volunteering.volunteer-team-formed.v1";
}

/// <summary>A volunteer activity was held at an estate.</summary>
/// <param name="Type">stairwellAdverts, clutterClearing, … (configurable).</param>
/// <param name="Outcomes">What it achieved by the type's measures, e.g. advertsRemoved.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ActivityHeld(Guid ActivityId, Guid CommunityId, Guid EstateId, string Type, DateOnly HeldOn, IReadOnlyDictionary<string, int> Outcomes, int Volunteers, decimal Hours, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.volunteering.activity-held.v1";
}

/// <summary>Service hours on a volunteer's record (activity = on site, travel excluded; mediation = a mediation session).</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record VolunteerHoursRecorded(Guid VolunteerId, string Kind, Guid SourceId, decimal Hours, DateOnly On, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.volunteering.volunteer-hours-recorded.v1";
}

/// <summary>A neighbour dispute was registered for mediation.</summary>
/// <param name="Source">walkIn, instructor or complaint.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record DisputeRegistered(Guid DisputeId, Guid CommunityId, Guid? EstateId, string Source, Guid? SourceId, DateOnly RegisteredOn, DateTimeOffset RegisteredAt)
{
    public const string MessageName = "redproperty.volunteering.dispute-registered.v1";
}

/// <summary>A mediated dispute was closed; <paramref name="Outcome"/> agreed, notAgreed, withdrawn or unreachable.</summary>
/// <param name="Resolved">Resolved (化解): agreed, and the return visit found the agreement kept. Absent in messages from before it was sent.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record DisputeMediated(Guid DisputeId, Guid CommunityId, string Outcome, DateOnly ClosedOn, DateTimeOffset RecordedAt, bool? Resolved = null)
{
    public const string MessageName = "redproperty.volunteering.dispute-mediated.v1";
}

/// <summary>An unresolved dispute goes to the community's joint meeting.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record DisputeEscalated(Guid DisputeId, Guid CommunityId, [property: FreeText] string Reason, DateOnly On, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.volunteering.dispute-escalated.v1";
}
