using System.Security.Claims;

namespace RedProperty.Organization.Members;

/// <summary>
/// Erase a party member's personal data on their request (PIPL art. 47). Here that is the name and the
/// pledge's words, in the events and in the read models. Other services erase their copies when
/// <c>PartyMemberErased</c> arrives: Consultation's name, and the volunteer record if the member is also
/// a volunteer. The member still counts in every figure as before.
/// </summary>
public static class EraseMemberEndpoint
{
    public static async Task<Results<NoContent, NotFound>> Handle(
        Guid id, IDocumentSession session, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<MemberDetails>(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        // The keyed hash of the ID number goes too, so the same person may later be entered again as someone new.
        session.DeleteWhere<PersonRegistration>(r => r.MemberId == id);
        await PersonalData.EraseAsync(session, id, id, Caller.Of(user).Id, time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
