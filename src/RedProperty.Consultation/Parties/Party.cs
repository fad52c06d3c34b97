namespace RedProperty.Consultation.Parties;

// The parties at the joint meeting's table (stream id = party id): residents' committees (居委会),
// owners' committees (业委会), property companies (from Organization) and local units (辖区单位).

public enum PartyKind
{
    ResidentsCommittee,
    OwnersCommittee,
    PropertyCompany,
    LocalUnit,
}

/// <summary>Whom to reach at the party: personal data, shown only with an audited read.</summary>
public sealed record PartyContact(string Name, string Role, string? Phone);

public sealed record PartyRegistered(Guid PartyId, PartyKind Kind, string Name, Guid CommunityId, Guid? CompanyId, IReadOnlyList<PartyContact> Contacts, DateTimeOffset RegisteredAt);

public sealed record MeetingParty(Guid Id, PartyKind Kind, string Name, Guid CommunityId, Guid? CompanyId)
{
    public static MeetingParty Create(PartyRegistered e) => new(e.PartyId, e.Kind, e.Name, e.CommunityId, e.CompanyId);
}
