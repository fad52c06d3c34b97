namespace RedProperty.Organization.Companies;

// Events of a property-service company's stream (物业服务企业), stream id = company id.

public sealed record PropertyCompanyRegistered(Guid CompanyId, string Name, string CreditCode, string Address, DateTimeOffset RegisteredAt) : IDatedFact
{
    /// <summary>The day the company entered the district's registry (e.g. found by the carpet survey).</summary>
    public DateOnly RegisteredOn { get; init; }

    public DateOnly TookEffectOn() => RegisteredOn;
}

public sealed record PropertyCompanyDetailsUpdated(Guid CompanyId, string Name, string Address, DateTimeOffset UpdatedAt);

/// <summary>Ledger 1: the company's internal organisation structure (企业内部组织架构).</summary>
public sealed record CompanyStructureRecorded(Guid CompanyId, int Employees, IReadOnlyList<Department> Departments, DateTimeOffset RecordedAt);

/// <summary>A carpet-survey visit (地毯式摸排): who surveyed, with which bureau or sub-district, what was found.</summary>
public sealed record CompanySurveyed(
    Guid CompanyId, DateOnly On, string Surveyor, string Together, int PartyMembersFound, bool OrganizationExists, string? Findings,
    DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record Department(string Name, string Leader, string Position);

/// <summary>What the deciders need to know about a company; evolved from its events.</summary>
/// <remarks>The estates a company serves are the geography's service contracts (Geography/), not the company's.</remarks>
public sealed record PropertyCompany(Guid Id, string Name, string CreditCode, string Address)
{
    public static PropertyCompany Create(PropertyCompanyRegistered e) => new(e.CompanyId, e.Name, e.CreditCode, e.Address);

    public PropertyCompany Apply(PropertyCompanyDetailsUpdated e) => this with { Name = e.Name, Address = e.Address };

    public PropertyCompany Apply(CompanyStructureRecorded e) => this;

    public PropertyCompany Apply(CompanySurveyed e) => this;
}
