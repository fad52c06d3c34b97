using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberLeftCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberLeftCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberLeftCompany message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyMemberEntry.Change(session, message.MemberId, m => m.CompanyId is { } current && current != message.CompanyId
            ? null // left an earlier company; a move already took them on
            : m with { Left = true, IsCompanyHead = false }, cancellationToken);
}
