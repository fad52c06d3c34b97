using RedProperty.Organization.Branches;
using RedProperty.Organization.Ledgers;

namespace RedProperty.Organization.Summary;

/// <summary>The district's organisation-building figures (the report's 81 / 12 / 5 / 7 …).</summary>
/// <param name="CompaniesForming">Companies with members whose branch is being formed and none established.</param>
/// <param name="CompaniesWithoutOrganization">Companies with members and no established branch.</param>
/// <param name="PartyMemberCompanyHeads">Party members who head their company (legal representative, general manager, deputy).</param>
public sealed record OrganizationSummary(
    DateTimeOffset AsOf, int PartyMembers, int CompaniesWithMembers, int BranchesEstablished, int CompaniesForming,
    int CompaniesWithoutOrganization, int Instructors, int ResponsibilityZones, int PioneerPosts, int PartyMemberCompanyHeads);

public static class OrganizationSummaries
{
    public static OrganizationSummary Of(OrganizationSnapshot s)
    {
        var coverage = OrganizationLedgers.CoverageOf(s);
        return new OrganizationSummary(
            s.AsOf, s.Members.Values.Count(m => m.CountsAsMember), coverage.CompaniesWithMembers,
            s.Branches.Values.Count(b => b.Status == BranchStatus.Established), coverage.Forming, coverage.WithoutBranch,
            s.Instructors, s.ResponsibilityZones, s.PioneerPosts, s.Members.Values.Count(m => m.CountsAsMember && m.IsCompanyHead));
    }

    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organization/summary", async Task<Ok<OrganizationSummary>> (
                IQuerySession session, TimeProvider time, string? asOf, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(Of(await LedgersApi.Snapshot(session, time, asOf, knownAt, ct))))
            .WithTags("Summary").ForRoles([.. Roles.Staff, Roles.IntegrationClient]).WithName("GetOrganizationSummary")
            .WithSummary("The district's figures; asOf=<day> by the dates things happened, knownAt=<instant> as recorded by then");
        return app;
    }
}
