using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Teams;

public sealed record JoinTeam(Guid VolunteerId, DateOnly? On = null);

public sealed class JoinTeamValidator : AbstractValidator<JoinTeam>
{
    public JoinTeamValidator() => RuleFor(c => c.VolunteerId).NotEmpty();
}

public static partial class TeamDecider
{
    public static IReadOnlyList<object> Join(VolunteerTeam team, VolunteerDetails volunteer, DateOnly? on, DateTimeOffset now) =>
        team.Members.Contains(volunteer.Id)
            ? throw new DomainException($"{volunteer.Name} is in the team already.")
            : [new TeamMemberJoined(team.Id, volunteer.Id, volunteer.Source, DistrictCalendar.FactDay(on, now, "joining"), now)];
}

public static class JoinTeamEndpoint
{
    public static async Task<Ok<TeamDetails>> Handle(
        Guid id, JoinTeam command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = http.Response;
        await KnownPlaces.RequireScoped<TeamDetails>(http.User, session, id, t => t.CommunityId, cancellationToken);
        var volunteer = await session.LoadAsync<VolunteerDetails>(command.VolunteerId, cancellationToken)
            ?? throw new InvalidFieldException("volunteerId", $"No volunteer with id {command.VolunteerId}.");
        return await session.Change<VolunteerTeam, TeamDetails>(id, expected, team => TeamDecider.Join(team, volunteer, command.On, time.GetUtcNow()), response, cancellationToken);
    }
}
