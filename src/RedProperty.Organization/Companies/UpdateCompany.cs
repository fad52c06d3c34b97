namespace RedProperty.Organization.Companies;

/// <summary>Correct a company's name or address. The credit code is its identity and never changes.</summary>
public sealed record UpdateCompany(string Name, string Address);

public sealed class UpdateCompanyValidator : AbstractValidator<UpdateCompany>
{
    public UpdateCompanyValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(CompanyRules.MaxNameLength);
        RuleFor(c => c.Address).NotEmpty().MaximumLength(CompanyRules.MaxAddressLength);
    }
}

public static class UpdateCompanyDecider
{
    /// <summary>No event when nothing changed, so a repeated PUT leaves no noise in the history.</summary>
    public static IReadOnlyList<object> Decide(PropertyCompany company, UpdateCompany command, DateTimeOffset now)
    {
        var name = command.Name.Trim();
        var address = command.Address.Trim();
        return name == company.Name && address == company.Address
            ? []
            : [new PropertyCompanyDetailsUpdated(company.Id, name, address, now)];
    }
}

public static class UpdateCompanyEndpoint
{
    public static Task<Ok<CompanyDetails>> Handle(
        Guid id, UpdateCompany command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PropertyCompany, CompanyDetails>(
            id, expected, company => UpdateCompanyDecider.Decide(company, command, time.GetUtcNow()), response, cancellationToken);
}
