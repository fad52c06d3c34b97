using System.Text.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.Overview.DistrictLog;
using RedProperty.Overview.Figures;

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

    // A refreshing page costs one look at the log, not a fold of it: a day's fold goes on from where it stopped and
    // ends where a fold from the start would.
    [Fact]
    public async Task A_days_fold_is_carried_forward_by_the_new_entries_alone_and_equals_a_fold_from_the_start()
    {
        var cache = fixture.Overview.Services.GetRequiredService<DistrictLogCache>();
        var store = fixture.Overview.Services.GetRequiredService<IDocumentStore>();
        var asOf = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.FromHours(8)); // one day, later than anything dated
        await fixture.Org.Company("天水市麦积区结转测试物业服务有限公司");
        await Eventually.True(async () => (await cache.FiguresAsync(asOf, default)).Position > 0, what: "the first company in the district log");

        async Task<long> LoggedBetween(long after, long upTo)
        {
            await using var session = store.QuerySession();
            return await session.Events.QueryAllRawEvents().CountAsync(e => e.Sequence > after && e.Sequence <= upTo && e.EventTypesAre(typeof(DistrictEventLogged)));
        }

        async Task Step()
        {
            var before = await cache.FiguresAsync(asOf, default);
            var folded = cache.EntriesFolded;
            var after = await cache.FiguresAsync(asOf, default);
            Assert.Equal(await LoggedBetween(before.Position, after.Position), cache.EntriesFolded - folded);
        }

        await Step();
        await fixture.Org.Company("天水市麦积区结转测试二号物业服务有限公司");
        await Step();

        // The carried fold equals a fold from the start at the same position.
        await Eventually.True(async () =>
        {
            var carried = await cache.FiguresAsync(asOf, default);
            var fresh = new DistrictLogCache(store);
            var whole = await fresh.FiguresAsync(asOf, default);
            if (whole.Position != carried.Position)
            {
                return false; // an entry arrived in between: look again
            }

            Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(carried));
            Assert.Equal(await LoggedBetween(0, whole.Position), fresh.EntriesFolded);
            return true;
        }, what: "the carried fold and a fold from the start at one position");
    }
}
