namespace RedProperty.Consultation.Places;

// Consultation's own copy of what Organization owns: communities, companies, which company serves
// which community's estates, and the party members who head property companies — so a committee's
// concurrent members can be verified and a black-listed company's communities found, without ever
// reading another service's tables.

public sealed record CommunityEntry(Guid Id, string Name);

public sealed record CompanyEntry(Guid Id, string Name);

/// <summary>An estate's community and the companies that have served it.</summary>
public sealed record EstateEntry(Guid Id, Guid? CommunityId, IReadOnlyList<Guid> CompanyIds)
{
    public static Task Change(IDocumentSession session, Guid id, Func<EstateEntry, EstateEntry?> change, CancellationToken cancellationToken) =>
        session.Upsert(id, () => new EstateEntry(id, null, []), change, cancellationToken);
}
