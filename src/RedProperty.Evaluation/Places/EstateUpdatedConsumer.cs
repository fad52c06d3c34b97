using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Places;

public sealed class EstateUpdatedConsumer(Inbox inbox) : InboxConsumer<V1.EstateUpdated>(inbox)
{
    protected override Task Apply(V1.EstateUpdated message, IDocumentSession session, CancellationToken cancellationToken) =>
        EstateDirectoryEntry.Change(session, message.EstateId, existing =>
            message.Version > existing.SourceVersion ? existing with { Name = message.Name, Households = message.Households, SourceVersion = message.Version } : null,
            cancellationToken);
}
