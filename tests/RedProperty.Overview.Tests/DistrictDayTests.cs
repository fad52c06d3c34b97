using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace RedProperty.Overview.Tests;

/// <summary>
/// The figures' "today" is the district's day (UTC+8), and a day's figures, once folded and kept, still take in a
/// fact recorded later that took effect by then: effective dates, not recording times, place each fact.
/// </summary>
[Collection(OverviewCollection.Name)]
public sealed class DistrictDayTests(OverviewFixture fixture)
{
    [Fact]
    public async Task Today_turns_at_midnight_in_Tianshui_across_the_year_and_a_fact_recorded_late_changes_its_past_months_figures()
    {
        // 23:59 on New Year's Eve in Tianshui is 15:59 UTC: still 2025 in the district, whatever UTC's date.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 23, 59, 0, DistrictCalendar.Offset));
        await using var overview = fixture.System.Start<OverviewService>(s => s.AddSingleton<TimeProvider>(clock));
        await overview.ConsumersReadyAsync();
        using var reader = overview.CreateClient();
        async Task<int> Members(string? asOf = null) =>
            (await reader.GetFromJsonAsync<JsonElement>("/api/overview/figures" + (asOf is null ? "" : $"?asOf={asOf}"))).GetProperty("partyMembers").GetInt32();
        var (newYearsEve, newYearsDay, november) = (await Members(), await Members("2026-01-01"), await Members("2025-11-30"));

        var company = await fixture.Org.Company("天水市麦积区跨年物业服务有限公司");
        await fixture.Org.Member(company, "张岁除", joinedOn: "2025-12-31");
        await fixture.Org.Member(company, "李元旦", joinedOn: "2026-01-01");
        await Eventually.True(async () => await Members("2026-01-01") == newYearsDay + 2, what: "both members in the district log");
        Assert.Equal(newYearsEve + 1, await Members());

        clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 on 1 January in Tianshui, 16:01 UTC on 31 December
        Assert.Equal(newYearsDay + 2, await Members());

        // Recorded now, joined in November: the figures as of November's end, folded and kept above, take it in.
        await fixture.Org.Member(company, "王补录", joinedOn: "2025-11-15");
        await Eventually.True(async () => await Members("2025-11-30") == november + 1, what: "the late member in November's figures");
        Assert.Equal(newYearsDay + 3, await Members());
        Assert.Equal(newYearsEve + 2, await Members("2025-12-31"));
    }
}
