using Marten.Events.Aggregation;

namespace RedProperty.Consultation.Parties;

public sealed record PartyContacts(Guid Id, IReadOnlyList<PartyContact> Contacts);

// Names and phones are sealed in the event under the party's key (see PersonalData): opened here, or read as erased.
public sealed class PartyContactsProjection : PersonalDataProjection<PartyContacts, PartyRegistered>
{
    public static async Task<PartyContacts> Create(PartyRegistered e, IQuerySession session)
    {
        var unsealer = await PersonalData.UnsealerAsync(session, e.PartyId);
        return new(e.PartyId, [.. e.Contacts.Select(c => c with { Name = unsealer.Unseal(c.Name)!, Phone = unsealer.Unseal(c.Phone) })]);
    }

    /// <summary>Whom to reach is gone; the roles stay, so the party still shows how many contacts it had and what they did.</summary>
    public static PartyContacts Apply(PersonalDataErased e, PartyContacts p) => p with { Contacts = [.. p.Contacts.Select(PartyContactErasure.Erase)] };
}

public static class PartyContactErasure
{
    public static PartyContact Erase(PartyContact contact) =>
        contact with { Name = PersonalData.Erased, Phone = contact.Phone is null ? null : PersonalData.Erased };
}

/// <summary>Erase a party's contacts on their request (PIPL art. 47): names and phones, events included.</summary>
public static class ErasePartyContactsEndpoint
{
    public static Task<Results<NoContent, NotFound>> Handle(
        Guid id, IDocumentSession session, System.Security.Claims.ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken) =>
        session.EraseAsync<PartyDetails>(id, user, time, cancellationToken);
}
