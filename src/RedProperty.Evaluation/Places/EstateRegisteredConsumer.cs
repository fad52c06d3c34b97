using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Places;

public sealed class EstateRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.EstateRegistered>(inbox)
{
    protected override Task Apply(V1.EstateRegistered message, IDocumentSession session, CancellationToken cancellationToken) =>
        EstateDirectoryEntry.Change(session, message.EstateId, existing =>
            // An update that came first (a later version) keeps its name and households.
            existing.SourceVersion > 1
                ? existing with { CommunityId = message.CommunityId, Registered = true }
                : existing with { Name = message.Name, CommunityId = message.CommunityId, Households = message.Households, SourceVersion = 1, Registered = true },
            cancellationToken);
}
