using System.Security.Claims;

namespace RedProperty.Evaluation.Complaints;

/// <summary>
/// Erase a complainant's contact details on their request (PIPL art. 47): name, phone, e-mail and device,
/// in the events and read models. The complaint, its history and the complaint rate stay as they were.
/// </summary>
public static class EraseComplainantEndpoint
{
    public static Task<Results<NoContent, NotFound>> Handle(
        Guid id, IDocumentSession session, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken) =>
        session.EraseAsync<ComplaintDetails>(id, user, time, cancellationToken);
}
