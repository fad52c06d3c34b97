namespace RedProperty.Consultation.Places;

/// <summary>
/// A party member as far as Consultation needs: their company and whether they head it (legal
/// representative, general manager or deputy). Messages may overtake each other: a role change
/// dated later than what is known wins, the registration never overwrites one.
/// </summary>
public sealed record PartyMemberEntry(Guid Id, string Name, Guid? CompanyId, string CompanyRole, bool IsCompanyHead, DateOnly? RoleOn, bool Left)
{
    public static readonly string[] HeadRoles = ["legalRepresentative", "generalManager", "deputyGeneralManager"];

    public static Task Change(IDocumentSession session, Guid id, Func<PartyMemberEntry, PartyMemberEntry?> change, CancellationToken cancellationToken) =>
        session.Upsert(id, () => new PartyMemberEntry(id, "", null, "staff", false, null, false), change, cancellationToken);

    /// <summary>The member's company and role from <paramref name="on"/>; null (no change) when a later one is known already.</summary>
    public PartyMemberEntry? TakingRole(Guid companyId, string companyRole, bool isCompanyHead, DateOnly on) =>
        RoleOn is { } known && known > on ? null : this with { CompanyId = companyId, CompanyRole = companyRole, IsCompanyHead = isCompanyHead, RoleOn = on };
}
