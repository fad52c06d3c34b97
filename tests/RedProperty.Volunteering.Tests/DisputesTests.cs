using System.Net;
using System.Text.Json;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Volunteering.Tests;

/// <summary>Neighbour-dispute mediation over HTTP (own clock: these tests move it on).</summary>
public sealed class DisputesTests(VolunteeringFixture fixture) : IClassFixture<VolunteeringFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task A_dispute_is_mediated_agreed_visited_and_closed_and_the_volunteer_mediator_s_time_counts()
    {
        var mediator = await fixture.Volunteer("调解员王大姐");
        var dispute = await Admin.Create("/api/volunteering/disputes", new { communityId = fixture.Weibin, parties = new[] { "张某", "李某" }, summary = "楼上漏水殃及楼下", source = "walkIn", estateId = fixture.WeibinEstate });
        var path = $"/api/volunteering/disputes/{dispute}";
        Assert.DoesNotContain("张某", (await Admin.Get(path)).GetRawText());
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/sessions", new { on = "2022-05-14", hours = 1.5 }, 1)).StatusCode); // not accepted yet
        var version = await Admin.Change($"{path}/triage", new { accept = true }, 1);
        version = await Admin.Change($"{path}/mediators", new { volunteerIds = new[] { mediator }, instructorIds = new[] { fixture.Instructor } }, version);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"{path}/closure", new { outcome = "agreed", on = "2022-05-14" }, version)).StatusCode);
        version = await Admin.Change($"{path}/sessions", new { on = "2022-05-14", hours = 1.5, notes = "双方同意共同承担维修费用" }, version);
        version = await Admin.Change($"{path}/agreement", new { terms = "楼上承担六成维修费，一周内修好", performBy = "2022-05-21", on = "2022-05-14" }, version);
        fixture.AdvanceTo(new DateTimeOffset(2022, 5, 22, 9, 0, 0, TimeSpan.FromHours(8)));
        version = await Admin.Change($"{path}/return-visit", new { on = "2022-05-22", performed = true, notes = "已修复" }, version);
        await Admin.Change($"{path}/closure", new { outcome = "agreed", on = "2022-05-22" }, version);

        var closed = await Admin.Get(path);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.True(closed.GetProperty("mediated").GetBoolean());
        Assert.True(closed.GetProperty("resolved").GetBoolean());
        Assert.Equal(1.5m, (await Admin.Get($"/api/volunteering/volunteers/{mediator}")).GetProperty("hours").GetDecimal());
        // Counted per day by the async daemon: a moment behind the closure.
        await Eventually.True(async () => (await Admin.Get("/api/volunteering/summary?asOf=2022-05-22")) is var summary
            && summary.GetProperty("disputesMediated").GetInt32() >= 1 && summary.GetProperty("disputesResolved").GetInt32() >= 1, what: "the closure in the day counts");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await As(Roles.Auditor)).GetAsync($"{path}/parties")).StatusCode);
        Assert.Equal(["张某", "李某"], (await Admin.Get($"{path}/parties")).GetProperty("parties").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }

    private async Task<HttpClient> As(string role) => fixture.Host.CreateClient().WithToken(await fixture.System.Identity.TokenAsync(role));
}
