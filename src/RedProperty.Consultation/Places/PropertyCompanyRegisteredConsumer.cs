using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PropertyCompanyRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.PropertyCompanyRegistered>(inbox)
{
    protected override Task Apply(V1.PropertyCompanyRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CompanyEntry(message.CompanyId, message.Name));
        return Task.CompletedTask;
    }
}
