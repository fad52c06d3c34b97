using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Companies;

public sealed class PropertyCompanyRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.PropertyCompanyRegistered>(inbox)
{
    protected override async Task Apply(V1.PropertyCompanyRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.Name) || string.IsNullOrWhiteSpace(message.CreditCode))
        {
            // Retrying cannot fix it: retries run out and it is parked in the error queue for a person.
            throw new InvalidDataException($"{V1.PropertyCompanyRegistered.MessageName} for {message.CompanyId} has no name or credit code.");
        }

        // An update may have overtaken the registration (a later version): it keeps its name and address.
        await CompanyDirectoryEntry.Change(session, message.CompanyId, existing => existing.Registered
                ? null
                : existing.SourceVersion > 1
                    ? existing with { CreditCode = message.CreditCode, Registered = true }
                    : existing with { Name = message.Name, CreditCode = message.CreditCode, Address = message.Address, SourceVersion = 1, Registered = true },
            cancellationToken);
    }
}
