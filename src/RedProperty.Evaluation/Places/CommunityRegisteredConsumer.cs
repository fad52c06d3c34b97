using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Places;

public sealed class CommunityRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.CommunityRegistered>(inbox)
{
    protected override Task Apply(V1.CommunityRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CommunityDirectoryEntry(message.CommunityId, message.Name, message.SubDistrictId));
        return Task.CompletedTask;
    }
}
