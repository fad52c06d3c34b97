using Marten.Events.Aggregation;

namespace RedProperty.Consultation.Parties;

/// <summary>A party as read: the contacts only in <see cref="PartyContacts"/>.</summary>
public sealed record PartyDetails(Guid Id, PartyKind Kind, string Name, Guid CommunityId, Guid? CompanyId, DateTimeOffset RegisteredAt) : IVersioned
{
    public long Version { get; set; }

    public static PartyDetails Create(PartyRegistered e) => new(e.PartyId, e.Kind, e.Name, e.CommunityId, e.CompanyId, e.RegisteredAt) { Version = 1 };
}

public sealed class PartyDetailsProjection : SingleStreamProjection<PartyDetails, Guid>
{
    public static PartyDetails Create(PartyRegistered e) => PartyDetails.Create(e);
}
