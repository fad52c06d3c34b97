using System.Security.Claims;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>
/// A community's staff reach their own community's things only; outside it, 404 as for what does not
/// exist. The <c>community</c> claim carries the community's id: names repeat across sub-districts.
/// </summary>
public static class CommunityScopes
{
    /// <summary>The one community the caller is limited to, null when not limited.</summary>
    public static Guid? Limit(ClaimsPrincipal user) => Caller.Of(user).CommunityIdLimit();

    /// <summary>404 (<see cref="ResourceNotFoundException"/>) when <paramref name="community"/> is outside the caller's community.</summary>
    public static void Require(ClaimsPrincipal user, Guid community)
    {
        if (Limit(user) is { } own && own != community)
        {
            throw new ResourceNotFoundException("Nothing of that community here.");
        }
    }
}
