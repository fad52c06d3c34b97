using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>
/// Limits for endpoints whose route names the resource: a company's users reach only their
/// company, an instructor only their own record. Outside the limit the answer is the same 404 as
/// for a resource that does not exist.
/// </summary>
public static class CallerScopes
{
    /// <summary>The route value <paramref name="routeValue"/> is a company id the caller must see.</summary>
    public static RouteHandlerBuilder LimitedToOwnCompany(this RouteHandlerBuilder route, string routeValue = "id") =>
        route.WithMetadata(new RouteScope(routeValue, (caller, id) => caller.Sees(id)));

    /// <summary>The route value <paramref name="routeValue"/> is an instructor id: instructors reach only their own.</summary>
    public static RouteHandlerBuilder LimitedToOwnInstructor(this RouteHandlerBuilder route, string routeValue = "id") =>
        route.WithMetadata(new RouteScope(routeValue, (caller, id) => caller.IsOrOversees(id)));

    /// <summary>
    /// Checked right after authorization, before validation or any other filter, so a request for
    /// something outside the caller's scope learns nothing about it, not even that its body was wrong.
    /// </summary>
    internal static WebApplication UseRouteScopes(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<RouteScope>() is { } scope
                && Guid.TryParse(http.Request.RouteValues[scope.RouteValue]?.ToString(), out var id)
                && !scope.Allows(Caller.Of(http.User), id))
            {
                await NotFound().ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        return app;
    }

    private sealed record RouteScope(string RouteValue, Func<Caller, Guid, bool> Allows);

    /// <summary>The community a ledger query may cover: a community's staff get only theirs, by id
    /// (asking for another is a 404), everyone else what they asked for.</summary>
    public static bool TryLimitCommunity(this Caller caller, string? asked, out string? community)
    {
        community = asked;
        if (caller.CommunityIdLimit() is not { } own)
        {
            return true;
        }

        community = own.ToString();
        return string.IsNullOrEmpty(asked) || asked == community;
    }

    /// <summary>The company a query may cover: a company's users get only theirs (asking for another is a 404), everyone else what they asked for.</summary>
    public static bool TryLimitCompany(this Caller caller, Guid? asked, out Guid? company)
    {
        company = asked;
        if (caller.CompanyLimit is not { } own)
        {
            return true;
        }

        company = own;
        return asked is null || asked == own;
    }

    /// <summary>
    /// The only community (by id) a community's staff see, null when the caller is not limited to one.
    /// A claim that is not an id (an old token naming the community) gives <see cref="Guid.Empty"/>:
    /// nothing, since a name may belong to several communities.
    /// </summary>
    public static Guid? CommunityIdLimit(this Caller caller) =>
        caller.CommunityLimit is not { } claim ? null : Guid.TryParse(claim, out var id) ? id : Guid.Empty;

    public static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound);
}
