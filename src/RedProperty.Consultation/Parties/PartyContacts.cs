using Marten.Events.Aggregation;

namespace RedProperty.Consultation.Parties;

public sealed record PartyContacts(Guid Id, IReadOnlyList<PartyContact> Contacts);

public sealed class PartyContactsProjection : SingleStreamProjection<PartyContacts, Guid>
{
    public static PartyContacts Create(PartyRegistered e) => new(e.PartyId, e.Contacts);
}
