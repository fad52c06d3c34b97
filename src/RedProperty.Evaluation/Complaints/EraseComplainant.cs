using System.Security.Claims;

namespace RedProperty.Evaluation.Complaints;

/// <summary>
/// Erase a complainant's contact details on their request (PIPL art. 47): name, phone, e-mail and device,
/// in the events and read models. The complaint, its history and the complaint rate stay as they were.
/// </summary>
public static class EraseComplainantEndpoint
{
    public static async Task<Results<NoContent, NotFound>> Handle(
        Guid id, IDocumentSession session, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<ComplaintDetails>(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        await PersonalData.EraseAsync(session, id, id, Caller.Of(user).Id, time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
