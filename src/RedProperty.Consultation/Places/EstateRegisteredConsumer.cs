using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class EstateRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.EstateRegistered>(inbox)
{
    protected override Task Apply(V1.EstateRegistered message, IDocumentSession session, CancellationToken cancellationToken) =>
        EstateEntry.Change(session, message.EstateId, e => e with { CommunityId = message.CommunityId }, cancellationToken);
}
