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
    // The keyed hash of the ID number goes too, so the same person may later be entered again as someone new.
    public static Task<Results<NoContent, NotFound>> Handle(
        Guid id, IDocumentSession session, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken) =>
        session.EraseAsync<MemberDetails>(id, user, time, cancellationToken, () => session.DeleteWhere<PersonRegistration>(r => r.MemberId == id));
}
