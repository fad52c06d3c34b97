using Marten.Events.Aggregation;

namespace RedProperty.Organization.Companies;

/// <summary>A company as the registry shows it; updated inline, so a caller reads its own write.</summary>
public sealed record CompanyDetails(Guid Id, string Name, string CreditCode, string Address, DateTimeOffset RegisteredAt, DateTimeOffset? UpdatedAt) : IVersioned
{
    public int? Employees { get; init; }

    public IReadOnlyList<Department> Departments { get; init; } = [];

    public IReadOnlyList<SurveyVisit> Surveys { get; init; } = [];

    /// <summary>The stream version, which is also the ETag. Set by Marten.</summary>
    public long Version { get; set; }

    public static CompanyDetails Create(PropertyCompanyRegistered e) =>
        new(e.CompanyId, e.Name, e.CreditCode, e.Address, e.RegisteredAt, null) { Version = 1 };
}

public static class RegisteredCompanies
{
    /// <summary>400 naming <paramref name="field"/> when a request refers to a company that is not registered.</summary>
    public static async Task Require(IQuerySession session, string field, IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken)
    {
        var known = await session.LoadManyAsync<CompanyDetails>(cancellationToken, companyIds);
        if (companyIds.Except(known.Select(c => c.Id)).ToList() is [var unknown, ..])
        {
            throw new InvalidFieldException(field, $"No company with id {unknown} is registered.");
        }
    }
}

public sealed record SurveyVisit(DateOnly On, string Surveyor, string Together, int PartyMembersFound, bool OrganizationExists, string? Findings);

public sealed class CompanyDetailsProjection : SingleStreamProjection<CompanyDetails, Guid>
{
    public static CompanyDetails Create(PropertyCompanyRegistered e) => CompanyDetails.Create(e);

    public static CompanyDetails Apply(PropertyCompanyDetailsUpdated e, CompanyDetails current) =>
        current with { Name = e.Name, Address = e.Address, UpdatedAt = e.UpdatedAt };

    public static CompanyDetails Apply(CompanyStructureRecorded e, CompanyDetails current) =>
        current with { Employees = e.Employees, Departments = e.Departments, UpdatedAt = e.RecordedAt };

    public static CompanyDetails Apply(CompanySurveyed e, CompanyDetails current) =>
        current with
        {
            Surveys = [.. current.Surveys, new SurveyVisit(e.On, e.Surveyor, e.Together, e.PartyMembersFound, e.OrganizationExists, e.Findings)],
        };
}

public static class GetCompanyEndpoint
{
    public static Task<Results<Ok<CompanyDetails>, NotFound>> Handle(
        Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken) =>
        session.Read<CompanyDetails>(id, response, cancellationToken);
}
