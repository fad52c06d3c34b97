using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Teams;

// A "Red Property" volunteer team (红色物业志愿服务队) of a community, stream id = team id: a leader and
// members of mixed sources.

public sealed record TeamFormed(Guid TeamId, Guid CommunityId, string Name, Guid LeaderId, DateOnly FormedOn, DateTimeOffset FormedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => FormedOn;
}

public sealed record TeamMemberJoined(Guid TeamId, Guid VolunteerId, VolunteerSource Source, DateOnly On, DateTimeOffset RecordedAt);

public sealed record TeamMemberLeft(Guid TeamId, Guid VolunteerId, DateOnly On, DateTimeOffset RecordedAt);

public sealed record VolunteerTeam(Guid Id, Guid CommunityId, Guid LeaderId, IReadOnlySet<Guid> Members)
{
    public static VolunteerTeam Create(TeamFormed e) => new(e.TeamId, e.CommunityId, e.LeaderId, new HashSet<Guid> { e.LeaderId });

    public VolunteerTeam Apply(TeamMemberJoined e) => this with { Members = new HashSet<Guid>(Members) { e.VolunteerId } };

    public VolunteerTeam Apply(TeamMemberLeft e) => this with { Members = Members.Where(m => m != e.VolunteerId).ToHashSet() };
}
