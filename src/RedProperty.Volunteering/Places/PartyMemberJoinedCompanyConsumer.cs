using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Places;

public sealed class PartyMemberJoinedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberJoinedCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberJoinedCompany message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new PartyMemberEntry(message.MemberId, message.Name, message.CompanyId));
        return Task.CompletedTask;
    }
}
