using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Places;

public sealed class EstateServiceContractedConsumer(Inbox inbox) : InboxConsumer<V1.EstateServiceContracted>(inbox)
{
    protected override Task Apply(V1.EstateServiceContracted message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var service = new EstateService(message.CompanyId, message.From, message.To);
        return EstateDirectoryEntry.Change(session, message.EstateId, existing =>
            existing.Services.Contains(service) ? null : existing with { Services = [.. existing.Services, service] }, cancellationToken);
    }
}
