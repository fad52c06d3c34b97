using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Places;

public sealed class CommunityRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.CommunityRegistered>(inbox)
{
    protected override Task Apply(V1.CommunityRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CommunityEntry(message.CommunityId, message.Name));
        return Task.CompletedTask;
    }
}
