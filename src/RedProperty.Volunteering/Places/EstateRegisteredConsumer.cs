using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Places;

public sealed class EstateRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.EstateRegistered>(inbox)
{
    protected override Task Apply(V1.EstateRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new EstateEntry(message.EstateId, message.Name, message.CommunityId));
        return Task.CompletedTask;
    }
}
