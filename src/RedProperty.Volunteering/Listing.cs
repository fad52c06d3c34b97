using System.Security.Claims;
using RedProperty.Volunteering.Places;

namespace RedProperty.Volunteering;

/// <summary>Lists limited to the caller's community, paged like the ledgers.</summary>
internal static class Listing
{
    /// <summary>The community a list covers: a community's staff get theirs (asking for another gives an empty list), others what they asked for.</summary>
    public static Guid? Community(ClaimsPrincipal user, Guid? asked) =>
        CommunityScopes.Limit(user) is { } own
            ? (asked is null || asked == own ? own : Guid.Empty)
            : asked;

    public static async Task<LedgerPage<T>> PageAsync<T>(IQueryable<T> query, TimeProvider time, int? page, int? pageSize, CancellationToken cancellationToken) where T : notnull
    {
        var (number, size) = Ledger.Paging(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new LedgerPage<T>(time.GetUtcNow(), number, size, total, items);
    }
}
