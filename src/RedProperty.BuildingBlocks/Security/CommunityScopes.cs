using System.Security.Claims;
using Marten;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>A service's own copy of a community (from Organization's events): what a <c>community</c> claim may name.</summary>
public interface ICommunity
{
    Guid Id { get; }

    string Name { get; }
}

/// <summary>
/// A community's staff reach their own community's things only; outside it, 404 as for what does not
/// exist. The claim may name the community by id or by name (looked up in <typeparamref name="TCommunity"/>).
/// </summary>
public static class CommunityScopes
{
    /// <summary>The one community the caller is limited to, null when not limited.</summary>
    public static Task<Guid?> LimitAsync<TCommunity>(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken) where TCommunity : class, ICommunity =>
        LimitAsync<TCommunity>(Caller.Of(user), session, cancellationToken);

    public static Task<Guid?> LimitAsync<TCommunity>(Caller caller, IQuerySession session, CancellationToken cancellationToken) where TCommunity : class, ICommunity =>
        caller.CommunityIdLimitAsync(async name => (await session.Query<TCommunity>().FirstOrDefaultAsync(c => c.Name == name, cancellationToken))?.Id);

    /// <summary>404 (<see cref="ResourceNotFoundException"/>) when <paramref name="community"/> is outside the caller's community.</summary>
    public static async Task RequireAsync<TCommunity>(ClaimsPrincipal user, IQuerySession session, Guid community, CancellationToken cancellationToken)
        where TCommunity : class, ICommunity
    {
        if (await LimitAsync<TCommunity>(user, session, cancellationToken) is { } own && own != community)
        {
            throw new ResourceNotFoundException("Nothing of that community here.");
        }
    }
}
