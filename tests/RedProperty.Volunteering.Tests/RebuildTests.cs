using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Tests;

/// <summary>
/// The rebuild step, run as an operator runs it (the service's own program, stopped service): read models that
/// were lost, the inline details and the daemon's per-day counts alike, come back from the events as they were.
/// </summary>
public sealed class RebuildTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("volunteering-rebuild");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Read_models_wiped_while_the_service_is_stopped_come_back_from_the_events()
    {
        var (path, team, before, teamBefore, volunteers) = await RecordAndStopAsync();

        // Lost while the service was down: the details written with the events and the daemon's per-day counts.
        await using (var connection = new NpgsqlConnection(_system.Database))
        {
            await connection.OpenAsync();
            await using var wipe = new NpgsqlCommand(
                "delete from volunteering.mt_doc_teamdetails; delete from volunteering.mt_doc_activitydetails; delete from volunteering.mt_doc_volunteeringday; delete from volunteering.mt_doc_volunteerdetails;", connection);
            Assert.True(await wipe.ExecuteNonQueryAsync() >= 5);
        }

        var log = await _system.RebuildAsync<VolunteeringService>();
        Assert.Matches(@"Rebuilt TeamDetails: \d+ events in [\d.]+ s, \d+ events/s", log);
        Assert.Contains("Rebuilt VolunteeringDay:", log);
        Assert.DoesNotContain("IntegrationEventForwarder", log); // the outgoing subscription is never replayed: consumers got its events once

        var after = new ApiClient(_system.Start<VolunteeringService>().CreateClient());
        Assert.Equal(teamBefore, (await after.Get($"/api/volunteering/teams/{team}")).GetRawText());
        // The volunteers' sealed names opened again, their keys read for the batch at once.
        foreach (var volunteer in volunteers)
        {
            var expected = JsonNode.Parse(volunteer)!.AsObject();
            var rebuilt = JsonNode.Parse((await after.Get($"/api/volunteering/volunteers/{expected["id"]}")).GetRawText())!.AsObject();
            // The stream's version: written inline as 0 when hours were appended without one, replayed as the stream's own.
            Assert.True(rebuilt.Remove("version") && expected.Remove("version"));
            Assert.Equal(expected.ToJsonString(), rebuilt.ToJsonString());
        }

        Assert.Equal(before.GetRawText(), (await after.Get("/api/volunteering/summary?asOf=2022-05-31")).GetRawText());
        Assert.Equal("2022-05-14", (await after.Get(path)).GetProperty("heldOn").GetString());
    }

    // A method of its own: the bus it starts keeps its logging context here, not in the test, which starts another.
    private async Task<(string Activity, Guid Team, JsonElement Summary, string TeamDetails, string[] Volunteers)> RecordAndStopAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2022, 5, 14, 8, 0, 0, TimeSpan.FromHours(8)));
        var host = _system.Start<VolunteeringService>(s => s.AddSingleton<TimeProvider>(clock));
        await host.ConsumersReadyAsync();
        var admin = new ApiClient(host.CreateClient());
        var (community, estate) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(new V1.CommunityRegistered(community, "道北社区", Guid.CreateVersion7(), clock.GetUtcNow()));
        await bus.Publish(new V1.EstateRegistered(estate, "阳光小区", community, 420, clock.GetUtcNow()));
        object Volunteer(string name, string phone) =>
            new { source = "gridWorker", name, communityId = community, idNumber = VolunteeringFixture.NextIdNumber(), consent = true, phone };
        var leader = Guid.Empty;
        await Eventually.True(async () =>
        {
            var created = await admin.Http.PostAsJsonAsync("/api/volunteering/volunteers", Volunteer("赵红英", "13893800777"));
            leader = created.IsSuccessStatusCode ? (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : Guid.Empty;
            return leader != Guid.Empty;
        }, what: "the community from Organization's events");
        var second = await admin.Create("/api/volunteering/volunteers", Volunteer("钱秀兰", "13893800778"));
        var team = await admin.Create("/api/volunteering/teams", new { communityId = community, name = "道北社区红色物业志愿服务队", leaderId = leader, formedOn = "2022-03-01" });
        var activity = await admin.Create("/api/volunteering/activities", new
        {
            type = "stairwellAdverts",
            title = "清理楼道小广告",
            estateId = estate,
            teamId = team,
            startsAt = "2022-05-14T08:30:00+08:00",
            endsAt = "2022-05-14T11:30:00+08:00",
            capacity = 20,
        });
        var path = $"/api/volunteering/activities/{activity}";
        var version = await admin.Change($"{path}/sign-ups", new { volunteerId = leader }, 1);
        version = await admin.Change($"{path}/check-ins", new { volunteerId = leader, at = "2022-05-14T08:30:00+08:00" }, version);
        version = await admin.Change($"{path}/check-outs", new { volunteerId = leader, at = "2022-05-14T10:30:00+08:00" }, version);
        clock.SetUtcNow(new DateTimeOffset(2022, 5, 14, 12, 0, 0, TimeSpan.FromHours(8)));
        await admin.Change($"{path}/held", new { heldOn = "2022-05-14", outcomes = new Dictionary<string, int> { ["advertsRemoved"] = 12 } }, version);
        JsonElement before = default;
        await Eventually.True(async () => (before = await admin.Get("/api/volunteering/summary?asOf=2022-05-31")).GetProperty("activitiesHeld").GetInt32() == 1,
            what: "the activity in the per-day counts");
        var teamBefore = (await admin.Get($"/api/volunteering/teams/{team}")).GetRawText();
        string[] volunteers = [.. await Task.WhenAll(new[] { leader, second }.Select(async v => (await admin.Get($"/api/volunteering/volunteers/{v}")).GetRawText()))];
        Assert.All(volunteers, v => Assert.DoesNotContain(PersonalData.Erased, v));
        await host.DisposeAsync();
        return (path, team, before, teamBefore, volunteers);
    }
}
