using RedProperty.Testing;

namespace RedProperty.Volunteering.Tests;

/// <summary>The report's volunteering figures built through the API: 4 teams, 21 activities held, 13 disputes resolved (化解).</summary>
public sealed class SeedFiguresTests(VolunteeringFixture fixture) : IClassFixture<VolunteeringFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task Four_teams_twenty_one_activities_and_thirteen_disputes_mediated()
    {
        string[] teamNames = ["渭滨社区红色物业志愿服务队", "北道埠社区红色物业志愿服务队", "桥南社区红色物业志愿服务队", "马跑泉社区红色物业志愿服务队"];
        var teams = new List<(Guid Team, Guid Leader)>();
        foreach (var name in teamNames)
        {
            var leader = await fixture.Volunteer($"{name[..2]}队长");
            teams.Add((await Admin.Create("/api/volunteering/teams", new { communityId = fixture.Weibin, name, leaderId = leader, formedOn = "2022-03-01" }), leader));
        }

        var served = new List<(string Path, long Version, string Type)>();
        for (var i = 0; i < 21; i++)
        {
            var (team, leader) = teams[i % 4];
            var type = i % 2 == 0 ? "stairwellAdverts" : "clutterClearing";
            var activity = await Admin.Create("/api/volunteering/activities", new
            {
                type,
                title = i % 2 == 0 ? "清理楼道小广告" : "清理楼道杂物",
                estateId = fixture.WeibinEstate,
                teamId = team,
                startsAt = "2022-05-14T08:30:00+08:00",
                endsAt = "2022-05-14T11:30:00+08:00",
                capacity = 20,
            });
            var path = $"/api/volunteering/activities/{activity}";
            var version = await Admin.Change($"{path}/sign-ups", new { volunteerId = leader }, 1);
            version = await Admin.Change($"{path}/check-ins", new { volunteerId = leader, at = "2022-05-14T08:30:00+08:00" }, version);
            version = await Admin.Change($"{path}/check-outs", new { volunteerId = leader, at = "2022-05-14T10:30:00+08:00" }, version);
            served.Add((path, version, type));
        }

        // Recorded as held once the morning's activities are over.
        fixture.AdvanceTo(new DateTimeOffset(2022, 5, 14, 12, 0, 0, TimeSpan.FromHours(8)));
        foreach (var (path, version, type) in served)
        {
            await Admin.Change($"{path}/held", new { heldOn = "2022-05-14", outcomes = new Dictionary<string, int> { [type == "stairwellAdverts" ? "advertsRemoved" : "clutterLoads"] = 12 } }, version);
        }

        // 13 resolved (agreed, kept at the return visit); one agreed but broken; two without agreement: 16 mediated.
        var mediator = teams[0].Leader;
        for (var i = 0; i < 16; i++)
        {
            var dispute = await Admin.Create("/api/volunteering/disputes", new { communityId = fixture.Weibin, parties = new[] { $"甲{i}", $"乙{i}" }, summary = "邻里噪音纠纷", source = "walkIn" });
            var path = $"/api/volunteering/disputes/{dispute}";
            var version = await Admin.Change($"{path}/triage", new { accept = true }, 1);
            version = await Admin.Change($"{path}/mediators", new { volunteerIds = new[] { mediator } }, version);
            version = await Admin.Change($"{path}/sessions", new { on = "2022-05-14", hours = 1 }, version);
            if (i < 14)
            {
                version = await Admin.Change($"{path}/agreement", new { terms = "夜间十点后不再制造噪音", performBy = "2022-05-14", on = "2022-05-14" }, version);
                version = await Admin.Change($"{path}/return-visit", new { on = "2022-05-14", performed = i < 13 }, version);
                await Admin.Change($"{path}/closure", new { outcome = "agreed", on = "2022-05-14" }, version);
            }
            else
            {
                await Admin.Change($"{path}/closure", new { outcome = "notAgreed", on = "2022-05-14" }, version);
            }
        }

        // Withdrawn before any session: registered and closed, but not mediated; and one still open.
        var withdrawn = await Admin.Create("/api/volunteering/disputes", new { communityId = fixture.Weibin, parties = new[] { "丙", "丁" }, summary = "撤回", source = "walkIn" });
        await Admin.Change($"/api/volunteering/disputes/{withdrawn}/closure", new { outcome = "withdrawn", on = "2022-05-14" },
            await Admin.Change($"/api/volunteering/disputes/{withdrawn}/triage", new { accept = true }, 1));
        await Admin.Create("/api/volunteering/disputes", new { communityId = fixture.Weibin, parties = new[] { "戊", "己" }, summary = "尚在调解", source = "walkIn" });

        Assert.Equal(4, (await Admin.Get($"/api/volunteering/teams?communityId={fixture.Weibin}")).GetProperty("total").GetInt32());
        // Counted per day by the async daemon: a moment behind the last write.
        await Eventually.True(async () => (await Admin.Get("/api/volunteering/summary?asOf=2022-05-14")).GetProperty("disputesMediated").GetInt32() == 16,
            what: "the day counts to hold every closure");
        var summary = await Admin.Get("/api/volunteering/summary?asOf=2022-05-14");
        Assert.Equal(4, summary.GetProperty("volunteerTeams").GetInt32());
        Assert.Equal(21, summary.GetProperty("activitiesHeld").GetInt32());
        Assert.Equal(13, summary.GetProperty("disputesResolved").GetInt32());
        Assert.Equal(16, summary.GetProperty("disputesMediated").GetInt32());
        Assert.Equal(1, summary.GetProperty("disputesOpen").GetInt32());
        Assert.Equal(21 * 2m + 16 * 1m, summary.GetProperty("volunteerHours").GetDecimal()); // 2 h on site each activity, 1 h per session
        Assert.Equal(0, (await Admin.Get("/api/volunteering/summary?asOf=2022-02-28")).GetProperty("volunteerTeams").GetInt32());
    }
}
