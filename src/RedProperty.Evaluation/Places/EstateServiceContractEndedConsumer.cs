using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Places;

public sealed class EstateServiceContractEndedConsumer(Inbox inbox) : InboxConsumer<V1.EstateServiceContractEnded>(inbox)
{
    protected override async Task Apply(V1.EstateServiceContractEnded message, IDocumentSession session, CancellationToken cancellationToken)
    {
        // The contract it ends must have arrived first; until then retrying (and redelivery) waits for it.
        var existing = await session.LoadAsync<EstateDirectoryEntry>(message.EstateId, cancellationToken);
        if (existing?.Services.FirstOrDefault(s => s.CompanyId == message.CompanyId && s.Covers(message.On)) is not { } service)
        {
            throw new InvalidOperationException($"No contract of company {message.CompanyId} for estate {message.EstateId} covers {message.On:yyyy-MM-dd} yet.");
        }

        session.Store(existing with { Services = [.. existing.Services.Select(s => s == service ? s with { To = message.On } : s)] });
    }
}
