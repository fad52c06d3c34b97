using Marten.Events.Aggregation;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Teams;

public sealed record TeamMember(Guid VolunteerId, VolunteerSource Source, DateOnly From);

public sealed record TeamDetails(Guid Id, Guid CommunityId, string Name, Guid LeaderId, DateOnly FormedOn) : IVersioned
{
    public IReadOnlyList<TeamMember> Members { get; init; } = [];

    public long Version { get; set; }
}

public sealed class TeamDetailsProjection : SingleStreamProjection<TeamDetails, Guid>
{
    public static TeamDetails Create(TeamFormed e) => new(e.TeamId, e.CommunityId, e.Name, e.LeaderId, e.FormedOn) { Version = 1 };

    public static TeamDetails Apply(TeamMemberJoined e, TeamDetails t) => t with { Members = [.. t.Members, new TeamMember(e.VolunteerId, e.Source, e.On)] };

    public static TeamDetails Apply(TeamMemberLeft e, TeamDetails t) => t with { Members = [.. t.Members.Where(m => m.VolunteerId != e.VolunteerId)] };
}
