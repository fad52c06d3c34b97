using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Directory;

// Consultation's own copy of what Organization owns: communities, companies, which company serves
// which community's estates, and the party members who head property companies — so a committee's
// concurrent members can be verified and a black-listed company's communities found, without ever
// reading another service's tables.

public sealed record CommunityEntry(Guid Id, string Name) : ICommunity;

public sealed record CompanyEntry(Guid Id, string Name);

/// <summary>An estate's community and the companies that have served it.</summary>
public sealed record EstateEntry(Guid Id, Guid? CommunityId, IReadOnlyList<Guid> CompanyIds)
{
    public static Task Change(IDocumentSession session, Guid id, Func<EstateEntry, EstateEntry?> change, CancellationToken cancellationToken) =>
        session.Upsert(id, () => new EstateEntry(id, null, []), change, cancellationToken);
}

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

public sealed class CommunityRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.CommunityRegistered>(inbox)
{
    protected override Task Apply(V1.CommunityRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CommunityEntry(message.CommunityId, message.Name));
        return Task.CompletedTask;
    }
}

public sealed class PropertyCompanyRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.PropertyCompanyRegistered>(inbox)
{
    protected override Task Apply(V1.PropertyCompanyRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CompanyEntry(message.CompanyId, message.Name));
        return Task.CompletedTask;
    }
}

public sealed class EstateRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.EstateRegistered>(inbox)
{
    protected override Task Apply(V1.EstateRegistered message, IDocumentSession session, CancellationToken cancellationToken) =>
        EstateEntry.Change(session, message.EstateId, e => e with { CommunityId = message.CommunityId }, cancellationToken);
}

public sealed class EstateServiceContractedConsumer(Inbox inbox) : InboxConsumer<V1.EstateServiceContracted>(inbox)
{
    protected override Task Apply(V1.EstateServiceContracted message, IDocumentSession session, CancellationToken cancellationToken) =>
        EstateEntry.Change(session, message.EstateId, e => e.CompanyIds.Contains(message.CompanyId) ? null : e with { CompanyIds = [.. e.CompanyIds, message.CompanyId] },
            cancellationToken);
}

public sealed class PartyMemberJoinedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberJoinedCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberJoinedCompany message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyMemberEntry.Change(session, message.MemberId, m => m.RoleOn is not null
            ? m with { Name = message.Name }
            : m with
            {
                Name = message.Name,
                CompanyId = message.CompanyId,
                CompanyRole = message.CompanyRole,
                IsCompanyHead = PartyMemberEntry.HeadRoles.Contains(message.CompanyRole),
                RoleOn = DistrictCalendar.Today(message.JoinedAt),
            }, cancellationToken);
}

public sealed class PartyMemberCompanyRoleChangedConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberCompanyRoleChanged>(inbox)
{
    protected override Task Apply(V1.PartyMemberCompanyRoleChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyMemberEntry.Change(session, message.MemberId, m => m.TakingRole(message.CompanyId, message.CompanyRole, message.IsCompanyHead, message.On), cancellationToken);
}

public sealed class PartyMemberMovedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberMovedCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberMovedCompany message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyMemberEntry.Change(session, message.MemberId, m => m.TakingRole(message.ToCompanyId, message.CompanyRole, message.IsCompanyHead, message.On), cancellationToken);
}

public sealed class PartyMemberLeftCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberLeftCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberLeftCompany message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyMemberEntry.Change(session, message.MemberId, m => m.CompanyId is { } current && current != message.CompanyId
            ? null // left an earlier company; a move already took them on
            : m with { Left = true, IsCompanyHead = false }, cancellationToken);
}
