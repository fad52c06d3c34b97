using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberMovedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberMovedCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberMovedCompany message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyMemberEntry.Change(session, message.MemberId, m => m.TakingRole(message.ToCompanyId, message.CompanyRole, message.IsCompanyHead, message.On), cancellationToken);
}
