using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Companies;

/// <summary>
/// Evaluation's own copy of the companies it rates, fed by Organization's integration events
/// (a service never reads another's tables).
/// </summary>
public sealed record CompanyDirectoryEntry(Guid Id, string Name, string CreditCode, string Address, long SourceVersion);

public sealed class PropertyCompanyRegisteredConsumer(IDocumentStore store, TimeProvider time)
    : InboxConsumer<V1.PropertyCompanyRegistered>(store, time)
{
    protected override async Task Apply(V1.PropertyCompanyRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message.Name) || string.IsNullOrWhiteSpace(message.CreditCode))
        {
            // Retrying cannot fix it: retries run out and it is parked in the error queue for a person.
            throw new InvalidDataException($"{V1.PropertyCompanyRegistered.MessageName} for {message.CompanyId} has no name or credit code.");
        }

        // An update may have overtaken the registration; never step back to an older version.
        var existing = await session.LoadAsync<CompanyDirectoryEntry>(message.CompanyId, cancellationToken);
        if (existing is null)
        {
            session.Store(new CompanyDirectoryEntry(message.CompanyId, message.Name, message.CreditCode, message.Address, 1));
        }
    }
}

public sealed class PropertyCompanyUpdatedConsumer(IDocumentStore store, TimeProvider time)
    : InboxConsumer<V1.PropertyCompanyUpdated>(store, time)
{
    protected override async Task Apply(V1.PropertyCompanyUpdated message, IDocumentSession session, CancellationToken cancellationToken)
    {
        var existing = await session.LoadAsync<CompanyDirectoryEntry>(message.CompanyId, cancellationToken);
        if (existing is null)
        {
            // The registration has not arrived yet: fail so the retry finds it (or the error queue shows it).
            throw new InvalidOperationException($"Company {message.CompanyId} is not in the directory yet.");
        }

        if (message.Version > existing.SourceVersion)
        {
            session.Store(existing with { Name = message.Name, Address = message.Address, SourceVersion = message.Version });
        }
    }
}

public static class GetCompanyEndpoint
{
    public static async Task<Results<Ok<CompanyDirectoryEntry>, NotFound>> Handle(
        Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<CompanyDirectoryEntry>(id, cancellationToken) is { } company
            ? TypedResults.Ok(company)
            : TypedResults.NotFound();
}

public static class CompanyDirectoryApi
{
    public static IEndpointRouteBuilder MapCompanyDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/evaluation/companies").WithTags("Company directory")
            .MapGet("/{id:guid}", GetCompanyEndpoint.Handle)
            .WithName("GetDirectoryCompany")
            .WithSummary("A company as Evaluation knows it from Organization's events (404 until its registration arrives)");
        return app;
    }
}
