using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class EstateServiceContractedConsumer(Inbox inbox) : InboxConsumer<V1.EstateServiceContracted>(inbox)
{
    protected override Task Apply(V1.EstateServiceContracted message, IDocumentSession session, CancellationToken cancellationToken) =>
        EstateEntry.Change(session, message.EstateId, e => e.CompanyIds.Contains(message.CompanyId) ? null : e with { CompanyIds = [.. e.CompanyIds, message.CompanyId] },
            cancellationToken);
}
