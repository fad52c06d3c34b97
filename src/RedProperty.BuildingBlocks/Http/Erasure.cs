using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>The erasure use case every service shares (PIPL art. 47; see <see cref="PersonalData"/>).</summary>
public static class Erasure
{
    /// <summary>
    /// 404 when no <typeparamref name="TView"/> has this id (the subject is unknown here); otherwise erase the subject, whose
    /// stream has the same id, with what <paramref name="alsoStage"/> adds to the same transaction (a keyed ID hash), then 204.
    /// </summary>
    public static async Task<Results<NoContent, NotFound>> EraseAsync<TView>(
        this IDocumentSession session, Guid id, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken, Action? alsoStage = null)
        where TView : class
    {
        if (await session.LoadAsync<TView>(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        alsoStage?.Invoke();
        await PersonalData.EraseAsync(session, id, id, Caller.Of(user).Id, time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
