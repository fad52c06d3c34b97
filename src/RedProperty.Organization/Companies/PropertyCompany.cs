namespace RedProperty.Organization.Companies;

// Events of a property-service company's stream (物业服务企业), stream id = company id.

public sealed record PropertyCompanyRegistered(Guid CompanyId, string Name, string CreditCode, string Address, DateTimeOffset RegisteredAt);

public sealed record PropertyCompanyDetailsUpdated(Guid CompanyId, string Name, string Address, DateTimeOffset UpdatedAt);

/// <summary>What the deciders need to know about a company; evolved from its events.</summary>
public sealed record PropertyCompany(Guid Id, string Name, string CreditCode, string Address)
{
    public static PropertyCompany Create(PropertyCompanyRegistered e) => new(e.CompanyId, e.Name, e.CreditCode, e.Address);

    public PropertyCompany Apply(PropertyCompanyDetailsUpdated e) => this with { Name = e.Name, Address = e.Address };
}
