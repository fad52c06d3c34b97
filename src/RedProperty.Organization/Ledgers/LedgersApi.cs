namespace RedProperty.Organization.Ledgers;

public static class LedgersApi
{
    public static IEndpointRouteBuilder MapLedgersApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organization");
        var ledgers = organization.MapGroup("/ledgers").WithTags("Ledgers");

        // Ledgers 2 and 4 carry members' names: read only by those who need it, and every read is recorded.
        MapLedger(ledgers, "/structure", "StructureLedger", "Ledger 1: internal organisation structure per company", OrganizationLedgers.Structure,
            "ledger-1-structure", r => r.CompanyId, Roles.Auditor, Roles.CommunityStaff, Roles.CompanyUser);
        MapLedger(ledgers, "/organizations", "OrganizationsLedger", "Ledger 2: party organisations established", OrganizationLedgers.Organizations,
                "ledger-2-organizations", null, Roles.Auditor, Roles.CommunityStaff)
            .AuditsPersonalData("ledger-2-organizations"); // the secretaries' names
        MapLedger(ledgers, "/unorganized", "UnorganizedLedger", "Ledger 3: companies with no party organisation yet, status, reason and recommendation",
            OrganizationLedgers.Unorganized, "ledger-3-unorganized", r => r.CompanyId, Roles.Auditor, Roles.CommunityStaff, Roles.CompanyUser);
        MapLedger(ledgers, "/members", "MembersLedger", "Ledger 4: party members", OrganizationLedgers.MemberLedger,
                "ledger-4-members", r => r.CompanyId, Roles.Auditor, Roles.CommunityStaff, Roles.CompanyUser)
            .AuditsPersonalData("ledger-4-members");

        // The counts are for everyone allowed; the rows (a company's survey: why it has no branch) only for those
        // who answer for it: a company its own, a community its own, the district all, a system none.
        organization.MapGet("/coverage", async Task<Ok<Coverage>> (
                System.Security.Claims.ClaimsPrincipal user, IQuerySession session, TimeProvider time, string? asOf, string? knownAt, CancellationToken ct) =>
            {
                var snapshot = await Snapshot(session, time, asOf, knownAt, ct);
                var coverage = OrganizationLedgers.CoverageOf(snapshot);
                var caller = Caller.Of(user);
                IReadOnlyList<UnorganizedRow> rows = caller switch
                {
                    { DistrictWide: true } => coverage.Uncovered,
                    { CompanyLimit: { } own } => [.. coverage.Uncovered.Where(r => r.CompanyId == own)],
                    _ when caller.CommunityIdLimit() is { } community => OrganizationLedgers.ServingCommunity(snapshot, coverage.Uncovered, community),
                    _ => [],
                };
                return TypedResults.Ok(coverage with { Uncovered = rows });
            })
            .WithTags("Ledgers").ForRoles([.. Roles.Staff, Roles.IntegrationClient]).WithName("BranchCoverage")
            .WithSummary("应建尽建: companies with members that have a branch, are forming one, or have none and why");

        return app;
    }

    /// <param name="companyOf">The company of a row, so a company's users get only their rows (null: not for them).</param>
    private static RouteHandlerBuilder MapLedger<T>(
        RouteGroupBuilder ledgers, string path, string name, string summary, Func<OrganizationSnapshot, string?, IReadOnlyList<T>> rows, string fileName,
        Func<T, Guid>? companyOf, params string[] roles) =>
        ledgers.MapGet(path, async Task<IResult> (HttpRequest request, IQuerySession session, TimeProvider time, System.Security.Claims.ClaimsPrincipal user,
                string? asOf, string? knownAt, string? community, int? page, int? pageSize, CancellationToken cancellationToken) =>
            {
                var caller = Caller.Of(user);
                if (!caller.TryLimitCommunity(community, out community))
                {
                    return CallerScopes.NotFound();
                }

                var snapshot = await Snapshot(session, time, asOf, knownAt, cancellationToken);
                var all = rows(snapshot, community);
                var visible = caller.CompanyLimit is { } own && companyOf is not null ? [.. all.Where(r => companyOf(r) == own)] : all;
                return Ledger.Respond(request, visible, snapshot.AsOf, page, pageSize, fileName);
            })
            .ForRoles(roles)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription("asOf=2022-06-30: by the dates things happened (joined, approved, designated …) until the end of that day, UTC+8; " +
                "knownAt=<instant or day>: as the ledger stood then (what had been recorded); community=<community id or name> keeps the companies serving estates there on that day; page/pageSize page; " +
                "Accept: text/csv or format=csv exports the whole ledger. A community's staff see their community, a company's users their company.")
            .Produces<LedgerPage<T>>();

    internal static Task<OrganizationSnapshot> Snapshot(IQuerySession session, TimeProvider time, string? asOf, string? knownAt, CancellationToken cancellationToken) =>
        OrganizationSnapshot.LoadAsync(session, AsOf.Parse(asOf, time), AsOf.Parse(knownAt, time, AsOf.KnownAtName),
            string.IsNullOrWhiteSpace(asOf) && string.IsNullOrWhiteSpace(knownAt), cancellationToken);
}
