using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;

namespace RedProperty.Organization.Ledgers;

public static class LedgersApi
{
    public static IEndpointRouteBuilder MapLedgersApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organization");
        var ledgers = organization.MapGroup("/ledgers").WithTags("Ledgers");
        const string paging = "asOf=2022-06-30 (end of that day, UTC+8) or an instant; community=<社区> filters; page/pageSize page; Accept: text/csv or format=csv exports the whole ledger.";

        ledgers.MapGet("/structure", (HttpRequest request, IQuerySession session, TimeProvider time, string? asOf, string? community, int? page, int? pageSize, CancellationToken ct) =>
                Page(request, session, time, asOf, s => OrganizationLedgers.Structure(s, community), page, pageSize, "ledger-1-structure", ct))
            .WithName("StructureLedger").WithSummary("Ledger 1: internal organisation structure per company").WithDescription(paging)
            .Produces<LedgerPage<StructureRow>>();

        ledgers.MapGet("/organizations", (HttpRequest request, IQuerySession session, TimeProvider time, string? asOf, string? community, int? page, int? pageSize, CancellationToken ct) =>
                Page(request, session, time, asOf, s => OrganizationLedgers.Organizations(s, community), page, pageSize, "ledger-2-organizations", ct))
            .WithName("OrganizationsLedger").WithSummary("Ledger 2: party organisations established").WithDescription(paging)
            .Produces<LedgerPage<OrganizationRow>>();

        ledgers.MapGet("/unorganized", (HttpRequest request, IQuerySession session, TimeProvider time, string? asOf, string? community, int? page, int? pageSize, CancellationToken ct) =>
                Page(request, session, time, asOf, s => OrganizationLedgers.Unorganized(s, community), page, pageSize, "ledger-3-unorganized", ct))
            .WithName("UnorganizedLedger").WithSummary("Ledger 3: companies with no party organisation yet, status, reason and recommendation").WithDescription(paging)
            .Produces<LedgerPage<UnorganizedRow>>();

        ledgers.MapGet("/members", (HttpRequest request, IQuerySession session, TimeProvider time, string? asOf, string? community, int? page, int? pageSize, CancellationToken ct) =>
                Page(request, session, time, asOf, s => OrganizationLedgers.MemberLedger(s, community), page, pageSize, "ledger-4-members", ct))
            .WithName("MembersLedger").WithSummary("Ledger 4: party members").WithDescription(paging)
            .Produces<LedgerPage<MemberRow>>();

        organization.MapGet("/coverage", async Task<Ok<Coverage>> (IQuerySession session, TimeProvider time, string? asOf, CancellationToken ct) =>
                TypedResults.Ok(OrganizationLedgers.CoverageOf(await Snapshot(session, time, asOf, ct))))
            .WithTags("Ledgers").WithName("BranchCoverage")
            .WithSummary("应建尽建: companies with members that have a branch, are forming one, or have none and why");

        organization.MapGet("/summary", async Task<Ok<OrganizationSummary>> (IQuerySession session, TimeProvider time, string? asOf, CancellationToken ct) =>
                TypedResults.Ok(OrganizationLedgers.Summary(await Snapshot(session, time, asOf, ct))))
            .WithTags("Summary").WithName("GetOrganizationSummary")
            .WithSummary("The district's figures; asOf answers from the events recorded until then");

        return app;
    }

    private static async Task<IResult> Page<T>(
        HttpRequest request, IQuerySession session, TimeProvider time, string? asOf, Func<OrganizationSnapshot, IReadOnlyList<T>> rows,
        int? page, int? pageSize, string fileName, CancellationToken cancellationToken)
    {
        var snapshot = await Snapshot(session, time, asOf, cancellationToken);
        return Ledger.Respond(request, rows(snapshot), snapshot.AsOf, page, pageSize, fileName);
    }

    private static Task<OrganizationSnapshot> Snapshot(IQuerySession session, TimeProvider time, string? asOf, CancellationToken cancellationToken) =>
        OrganizationSnapshot.LoadAsync(session, AsOf.Parse(asOf, time), string.IsNullOrWhiteSpace(asOf), cancellationToken);
}
