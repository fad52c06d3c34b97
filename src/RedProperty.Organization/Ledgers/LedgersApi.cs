namespace RedProperty.Organization.Ledgers;

public static class LedgersApi
{
    public static IEndpointRouteBuilder MapLedgersApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organization");
        var ledgers = organization.MapGroup("/ledgers").WithTags("Ledgers");

        MapLedger(ledgers, "/structure", "StructureLedger", "Ledger 1: internal organisation structure per company", OrganizationLedgers.Structure, "ledger-1-structure");
        MapLedger(ledgers, "/organizations", "OrganizationsLedger", "Ledger 2: party organisations established", OrganizationLedgers.Organizations, "ledger-2-organizations");
        MapLedger(ledgers, "/unorganized", "UnorganizedLedger", "Ledger 3: companies with no party organisation yet, status, reason and recommendation",
            OrganizationLedgers.Unorganized, "ledger-3-unorganized");
        MapLedger(ledgers, "/members", "MembersLedger", "Ledger 4: party members", OrganizationLedgers.MemberLedger, "ledger-4-members");

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

    private static void MapLedger<T>(
        RouteGroupBuilder ledgers, string path, string name, string summary, Func<OrganizationSnapshot, string?, IReadOnlyList<T>> rows, string fileName) =>
        ledgers.MapGet(path, async (HttpRequest request, IQuerySession session, TimeProvider time,
                string? asOf, string? community, int? page, int? pageSize, CancellationToken cancellationToken) =>
            {
                var snapshot = await Snapshot(session, time, asOf, cancellationToken);
                return Ledger.Respond(request, rows(snapshot, community), snapshot.AsOf, page, pageSize, fileName);
            })
            .WithName(name)
            .WithSummary(summary)
            .WithDescription("asOf=2022-06-30 (end of that day, UTC+8) or an instant; community=<社区> filters; page/pageSize page; " +
                "Accept: text/csv or format=csv exports the whole ledger.")
            .Produces<LedgerPage<T>>();

    private static Task<OrganizationSnapshot> Snapshot(IQuerySession session, TimeProvider time, string? asOf, CancellationToken cancellationToken) =>
        OrganizationSnapshot.LoadAsync(session, AsOf.Parse(asOf, time), string.IsNullOrWhiteSpace(asOf), cancellationToken);
}
