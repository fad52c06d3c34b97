using System.Security.Claims;

namespace RedProperty.Volunteering.Places;

// Volunteering's own copy of what Organization owns: communities and estates (where teams work and
// activities happen), party members of property companies (one of the three sources of volunteers)
// and instructors (who may mediate).

public sealed record CommunityEntry(Guid Id, string Name);

public sealed record EstateEntry(Guid Id, string Name, Guid CommunityId);

public sealed record PartyMemberEntry(Guid Id, string Name, Guid CompanyId);

public sealed record InstructorEntry(Guid Id, string Name);

public static class KnownPlaces
{
    /// <summary>The caller may act on <paramref name="community"/>'s things (a community's staff: their own only; else 404).</summary>
    public static void RequireCommunity(ClaimsPrincipal user, Guid community) => CommunityScopes.Require(user, community);

    /// <summary>Loads <typeparamref name="TDetails"/> and requires the caller may act on its community; 404 otherwise.</summary>
    public static async Task<TDetails> RequireScoped<TDetails>(ClaimsPrincipal user, IQuerySession session, Guid id, Func<TDetails, Guid> communityOf, CancellationToken cancellationToken)
        where TDetails : class
    {
        var details = await session.LoadAsync<TDetails>(id, cancellationToken) ?? throw new ResourceNotFoundException($"No {typeof(TDetails).Name.Replace("Details", "", StringComparison.Ordinal).ToLowerInvariant()} with id {id}.");
        RequireCommunity(user, communityOf(details));
        return details;
    }

    /// <summary>The thing when it exists and is in the caller's community; null otherwise (both answer 404).</summary>
    public static async Task<TDetails?> FindScoped<TDetails>(ClaimsPrincipal user, IQuerySession session, Guid id, Func<TDetails, Guid> communityOf, CancellationToken cancellationToken)
        where TDetails : class =>
        await session.LoadAsync<TDetails>(id, cancellationToken) is { } details
        && (CommunityScopes.Limit(user) is not { } limit || communityOf(details) == limit)
            ? details
            : null;

    /// <summary>A read limited to the caller's community (404 outside it).</summary>
    public static async Task<Results<Ok<TDetails>, NotFound>> ReadScoped<TDetails>(
        ClaimsPrincipal user, IQuerySession session, Guid id, Func<TDetails, Guid> communityOf, HttpResponse response, CancellationToken cancellationToken)
        where TDetails : class, IVersioned
    {
        var limit = CommunityScopes.Limit(user);
        return await session.Read<TDetails>(id, response, cancellationToken, d => limit is null || communityOf(d) == limit);
    }

    public static async Task<CommunityEntry> Community(IQuerySession session, Guid id, string field, CancellationToken cancellationToken) =>
        await session.LoadAsync<CommunityEntry>(id, cancellationToken) ?? throw new InvalidFieldException(field, $"No community with id {id} is registered.");

    public static async Task<EstateEntry> Estate(IQuerySession session, Guid id, string field, CancellationToken cancellationToken) =>
        await session.LoadAsync<EstateEntry>(id, cancellationToken) ?? throw new InvalidFieldException(field, $"No estate with id {id} is registered.");
}
