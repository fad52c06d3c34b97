using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Teams;

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

public static partial class TeamDecider
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
}

public static class FormTeamEndpoint
{
    public static async Task<Created<TeamDetails>> Handle(FormTeam command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await KnownPlaces.Community(session, command.CommunityId, "communityId", cancellationToken);
        KnownPlaces.RequireCommunity(http.User, command.CommunityId);
        var leader = await session.LoadAsync<VolunteerDetails>(command.LeaderId, cancellationToken) ?? throw new InvalidFieldException("leaderId", $"No volunteer with id {command.LeaderId}.");
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        session.Events.StartStream<VolunteerTeam>(id, TeamDecider.Form(id, command, leader, now).ToArray());
        await session.SaveChangesAsync(cancellationToken);
        http.Response.SetETag(2);
        return TypedResults.Created($"/api/volunteering/teams/{id}", (await session.LoadAsync<TeamDetails>(id, cancellationToken))!);
    }
}
