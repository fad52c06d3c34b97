using System.Text.Json;

namespace RedProperty.Overview.Tests;

/// <summary>The district's figures, folded by Overview from the public feed, agree with the publishing service's own summary.</summary>
[Collection(OverviewCollection.Name)]
public sealed class FiguresTests(OverviewFixture fixture)
{
    private static readonly string[] OrganizationFigures =
        ["partyMembers", "companiesWithMembers", "branchesEstablished", "companiesForming", "instructors", "responsibilityZones", "pioneerPosts"];

    [Fact]
    public async Task The_seeds_organisation_figures_reach_the_overview_as_the_report_has_them_and_as_Organizations_summary_has_them()
    {
        await fixture.Org.SeedAsync();

        var summary = await fixture.Org.Get("/api/organization/summary?asOf=2022-07-27");
        JsonElement figures = default;
        await Eventually.True(async () =>
        {
            figures = await fixture.Integrator.Get("/api/overview/figures?asOf=2022-07-27");
            return OrganizationFigures.All(f => figures.GetProperty(f).GetInt32() == summary.GetProperty(f).GetInt32());
        }, what: "the overview's figures to agree with Organization's summary");

        Assert.Equal([81, 12, 5, 7, 38, 8, 12], OrganizationFigures.Select(f => figures.GetProperty(f).GetInt32()));
        Assert.Equal(81, figures.GetProperty("report").GetProperty("partyMembers").GetInt32());

        // Per community: the seed's zones and posts are all in 北道埠社区 (by the estates' communities).
        var community = figures.GetProperty("communities").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "北道埠社区");
        Assert.Equal(8, community.GetProperty("responsibilityZones").GetInt32());
        Assert.Equal(12, community.GetProperty("pioneerPosts").GetInt32());

        // By the dates things happened: before the forming started and before the leaver left.
        var midway = await fixture.Integrator.Get("/api/overview/figures?asOf=2022-05-31");
        Assert.Equal(82, midway.GetProperty("partyMembers").GetInt32());
        Assert.Equal(0, midway.GetProperty("companiesForming").GetInt32());
        Assert.Equal(0, (await fixture.Integrator.Get("/api/overview/figures?asOf=2021-12-31")).GetProperty("partyMembers").GetInt32());
    }
}
