using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Companies;

public sealed class PropertyCompanyUpdatedConsumer(Inbox inbox) : InboxConsumer<V1.PropertyCompanyUpdated>(inbox)
{
    protected override async Task Apply(V1.PropertyCompanyUpdated message, IDocumentSession session, CancellationToken cancellationToken)
    {
        // Before the registration has arrived, the update is kept until it does; never step back to an older version.
        await CompanyDirectoryEntry.Change(session, message.CompanyId, existing => message.Version > existing.SourceVersion
            ? existing with { Name = message.Name, Address = message.Address, SourceVersion = message.Version }
            : null, cancellationToken);
    }
}
