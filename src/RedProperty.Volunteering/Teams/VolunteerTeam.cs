using Marten.Events.Aggregation;
using RedProperty.Volunteering.Directory;
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

/// <summary>Form a community's team with its leader (a registered volunteer of that community).</summary>
public sealed record FormTeam(Guid CommunityId, string Name, Guid LeaderId, DateOnly? FormedOn = null);

public sealed class FormTeamValidator : AbstractValidator<FormTeam>
{
    public FormTeamValidator()
    {
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.LeaderId).NotEmpty();
    }
}

public sealed record JoinTeam(Guid VolunteerId, DateOnly? On = null);

public sealed class JoinTeamValidator : AbstractValidator<JoinTeam>
{
    public JoinTeamValidator() => RuleFor(c => c.VolunteerId).NotEmpty();
}

public static class TeamDecider
{
    public static IReadOnlyList<object> Form(Guid id, FormTeam command, VolunteerDetails leader, DateTimeOffset now)
    {
        if (leader.CommunityId != command.CommunityId)
        {
            throw new DomainException($"{leader.Name} volunteers in another community.");
        }

        var on = DistrictCalendar.FactDay(command.FormedOn, now, "forming");
        return [new TeamFormed(id, command.CommunityId, command.Name.Trim(), leader.Id, on, now), new TeamMemberJoined(id, leader.Id, leader.Source, on, now)];
    }

    public static IReadOnlyList<object> Join(VolunteerTeam team, VolunteerDetails volunteer, DateOnly? on, DateTimeOffset now) =>
        team.Members.Contains(volunteer.Id)
            ? throw new DomainException($"{volunteer.Name} is in the team already.")
            : [new TeamMemberJoined(team.Id, volunteer.Id, volunteer.Source, DistrictCalendar.FactDay(on, now, "joining"), now)];
}

public static class TeamEndpoints
{
    public static async Task<Created<TeamDetails>> Form(FormTeam command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await Places.Community(session, command.CommunityId, "communityId", cancellationToken);
        await Places.RequireCommunity(http.User, session, command.CommunityId, cancellationToken);
        var leader = await session.LoadAsync<VolunteerDetails>(command.LeaderId, cancellationToken) ?? throw new InvalidFieldException("leaderId", $"No volunteer with id {command.LeaderId}.");
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        session.Events.StartStream<VolunteerTeam>(id, TeamDecider.Form(id, command, leader, now).ToArray());
        await session.SaveChangesAsync(cancellationToken);
        http.Response.SetETag(2);
        return TypedResults.Created($"/api/volunteering/teams/{id}", (await session.LoadAsync<TeamDetails>(id, cancellationToken))!);
    }

    public static async Task<Ok<TeamDetails>> Join(
        Guid id, JoinTeam command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = http.Response;
        await Places.RequireScoped<TeamDetails>(http.User, session, id, t => t.CommunityId, cancellationToken);
        var volunteer = await session.LoadAsync<VolunteerDetails>(command.VolunteerId, cancellationToken)
            ?? throw new InvalidFieldException("volunteerId", $"No volunteer with id {command.VolunteerId}.");
        return await session.Change<VolunteerTeam, TeamDetails>(id, expected, team => TeamDecider.Join(team, volunteer, command.On, time.GetUtcNow()), response, cancellationToken);
    }
}
