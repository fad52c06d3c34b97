using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Evaluation.Companies;

/// <summary>
/// Evaluation's own copy of the companies it rates, fed by Organization's integration events
/// (a service never reads another's tables).
/// An update that overtakes its registration is kept (<see cref="Registered"/> false, not served)
/// and completed when the registration arrives, so neither waits in an error queue.
/// </summary>
public sealed record CompanyDirectoryEntry(Guid Id, string Name, string CreditCode, string Address, long SourceVersion, bool Registered = true)
{
    /// <summary>Changes the entry, starting from a placeholder (not served) for an update that overtook the registration.</summary>
    public static Task Change(IDocumentSession session, Guid id, Func<CompanyDirectoryEntry, CompanyDirectoryEntry?> change, CancellationToken cancellationToken) =>
        session.Upsert(id, () => new CompanyDirectoryEntry(id, "", "", "", 0, Registered: false), change, cancellationToken);
}

public static class GetCompanyEndpoint
{
    public static async Task<Results<Ok<CompanyDirectoryEntry>, NotFound>> Handle(
        Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<CompanyDirectoryEntry>(id, cancellationToken) is { Registered: true } company
            ? TypedResults.Ok(company)
            : TypedResults.NotFound();
}

public static class CompanyDirectory
{
    /// <summary>400 naming <paramref name="field"/> when a request refers to a company the directory does not know.</summary>
    public static async Task Require(IQuerySession session, string field, Guid companyId, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<CompanyDirectoryEntry>(companyId, cancellationToken) is not { Registered: true })
        {
            throw new InvalidFieldException(field, $"No company with id {companyId} is registered.");
        }
    }
}

public static class CompanyDirectoryApi
{
    public static IEndpointRouteBuilder MapCompanyDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/evaluation/companies").WithTags("Company directory")
            .MapGet("/{id:guid}", GetCompanyEndpoint.Handle)
            .ForRoles(Roles.Staff).LimitedToOwnCompany()
            .WithName("GetDirectoryCompany")
            .WithSummary("A company as Evaluation knows it from Organization's events (404 until its registration arrives)");
        return app;
    }
}
