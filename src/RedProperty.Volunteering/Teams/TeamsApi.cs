using System.Security.Claims;
using RedProperty.Volunteering.Places;
using static RedProperty.Volunteering.VolunteeringRoles;

namespace RedProperty.Volunteering.Teams;

public static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/volunteering/teams").WithTags("Volunteer teams");
        teams.MapPost("/", FormTeamEndpoint.Handle).Validate<FormTeam>().WithIdempotency()
            .ForRoles(Organisers).WithName("FormTeam").WithSummary("Form a community's Red Property volunteer team with its leader");
        teams.MapPost("/{id:guid}/members", JoinTeamEndpoint.Handle).Validate<JoinTeam>()
            .ForRoles(Organisers).WithName("JoinTeam").WithSummary("A volunteer joins the team").ProducesChangeProblems();
        teams.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                KnownPlaces.ReadScoped<TeamDetails>(user, session, id, t => t.CommunityId, response, ct))
            .ForRoles(Readers).WithName("GetTeam").WithSummary("A team with its members and their sources");

        teams.MapGet("/", async Task<Ok<LedgerPage<TeamDetails>>> (ClaimsPrincipal user, IQuerySession session, TimeProvider time, Guid? communityId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = session.Query<TeamDetails>().AsQueryable();
                if (Listing.Community(user, communityId) is { } community)
                {
                    query = query.Where(t => t.CommunityId == community);
                }

                return TypedResults.Ok(await Listing.PageAsync(query.OrderBy(t => t.FormedOn), time, page, pageSize, ct));
            })
            .ForRoles(Readers).WithName("ListTeams").WithSummary("Teams (communityId, page, pageSize); a community's staff see their own");
        return app;
    }
}
