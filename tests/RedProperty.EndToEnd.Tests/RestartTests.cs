using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// What an operator does after the first day: stop the whole system and start it again over the same
/// data. With more than 2,000 events in every service's store (the Overview's district log included,
/// far more), every resource comes back healthy, the gateway answers, and the figures and every
/// service's summary are what they were.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class RestartTests
{
    private const int EventsPerStore = 2_000;
    private static readonly string[] Resources = ["identity", "organization", "evaluation", "consultation", "volunteering", "overview", "gateway"];
    private static readonly string[] Forwarding = ["organization", "evaluation", "consultation", "volunteering"];
    private static readonly string[] Stores = [.. Forwarding, "overview"];

    [LocalServersFact]
    public async Task Over_more_than_two_thousand_events_in_every_store_the_whole_system_restarts_healthy_with_the_same_figures()
    {
        var data = AppHostLaunch.DataDirectory();
        try
        {
            var (arguments, postgresPort, rabbitPort) = AppHostLaunch.AppHostArguments(data.FullName);
            var administrator = $"Host=127.0.0.1;Port={postgresPort};Database=redproperty;Username=postgres;Password={AppHostLaunch.DevelopmentPassword};Pooling=false";
            var broker = new Uri($"amqp://redproperty:{AppHostLaunch.DevelopmentPassword}@127.0.0.1:{rabbitPort}/");

            // The first day: the seed's district, then clients' requests until every store is past 2,000 events.
            IReadOnlyDictionary<string, long> loaded;
            await using (var app = await AppHostLaunch.StartAsync(arguments))
            {
                using var gateway = await AppHostLaunch.SignedInAsync(app, "district-admin");
                await using var watch = await PublicFeedWatch.StartAsync(broker);
                var (exitCode, output) = await AppHostLaunch.Script(gateway.BaseAddress!, "deploy/demo.sh");
                Assert.True(exitCode == 0, output);

                await LoadBeyondAsync(gateway, administrator);
                await LevelAsync(administrator, broker, watch);
                loaded = await EventCountsAsync(administrator);
                Assert.All(Stores, store => Assert.True(loaded[store] > EventsPerStore, $"{store}: {loaded[store]} events"));
                await EveryServiceHealthyAsync(app);

                // What an earlier version left behind: a table its administrator created in a service's schema.
                await Execute(administrator, "CREATE TABLE organization.restart_leftover (id int PRIMARY KEY)");
            }

            // The first restart: back healthy over the loaded stores. The services' own jobs catch up at
            // start on what came in since their last pass (e.g. the instructors' ended months): the state
            // once they have is what every later restart must keep.
            SystemState settled;
            await using (var app = await AppHostLaunch.StartAsync(arguments))
            {
                await EveryResourceHealthyAsync(app);
                await LevelAsync(administrator, broker, watch: null);
                using var gateway = await AppHostLaunch.SignedInAsync(app, "district-admin");
                settled = await ReadStateAsync(gateway, administrator);
                Assert.All(Stores, store => Assert.True(settled.EventCounts[store] >= loaded[store], $"{store}: {settled.EventCounts[store]} events after the restart, {loaded[store]} before"));
                Assert.Equal("organization", await Scalar<string>(administrator,
                    "SELECT tableowner::text FROM pg_tables WHERE schemaname = 'organization' AND tablename = 'restart_leftover'"));
            }

            await using (var app = await AppHostLaunch.StartAsync(arguments))
            {
                await EveryResourceHealthyAsync(app);
                using var gateway = await AppHostLaunch.SignedInAsync(app, "district-admin");
                var again = await ReadStateAsync(gateway, administrator);

                Assert.Equal(settled.EventCounts, again.EventCounts);
                Assert.Equal(settled.Figures, again.Figures);
                Assert.Equal(settled.Summaries, again.Summaries);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private sealed record SystemState(IReadOnlyDictionary<string, long> EventCounts, string Figures, IReadOnlyList<string> Summaries);

    /// <summary>Every resource as the dashboard shows it (the gateway waits for the services), then each service's own report.</summary>
    private static async Task EveryResourceHealthyAsync(DistributedApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        foreach (var resource in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        await EveryServiceHealthyAsync(app);
    }

    /// <summary>Each service's own /health: Healthy, not merely answering (the orchestrator's probe sees the same).</summary>
    private static async Task EveryServiceHealthyAsync(DistributedApplication app)
    {
        using var http = new HttpClient();
        var reports = new Dictionary<string, string>();
        try
        {
            await Eventually.True(async () =>
            {
                foreach (var service in Stores.Append("identity"))
                {
                    using var response = await http.GetAsync(new Uri(app.GetEndpoint(service, "http"), "/health"));
                    reports[service] = await response.Content.ReadAsStringAsync();
                }

                return reports.Values.All(r => JsonDocument.Parse(r).RootElement.GetProperty("status").GetString() == "Healthy");
            }, TimeSpan.FromMinutes(2), "every service's /health to report Healthy");
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message}\n{string.Join("\n", reports.Select(r => $"{r.Key}: {r.Value}"))}");
        }
    }

    /// <summary>
    /// Through the gateway, as clients would: companies (Organization), complaints (Evaluation), parties
    /// (Consultation) and volunteers (Volunteering) until each store holds more than 2,000 events.
    /// </summary>
    private static async Task LoadBeyondAsync(HttpClient gateway, string administrator)
    {
        var estate = (await gateway.GetFromJsonAsync<JsonElement>("/api/organization/estates")).EnumerateArray().First();
        var estateId = estate.GetProperty("id").GetGuid();
        var communityId = estate.GetProperty("communityId").GetGuid();
        var counts = await EventCountsAsync(administrator);
        var needed = Forwarding.ToDictionary(s => s, s => (int)Math.Max(0, EventsPerStore + 50 - counts[s]));

        var requests = new List<(string Path, Func<int, object> Body)>();
        requests.AddRange(Enumerable.Range(0, needed["organization"]).Select(i => ("/api/organization/companies",
            (Func<int, object>)(_ => new { name = $"天水市麦积区重启测试第{i + 1}物业服务有限公司", creditCode = CreditCodes.Next(), address = "甘肃省天水市麦积区道北街道" }))));
        requests.AddRange(Enumerable.Range(0, needed["evaluation"]).Select(i => ("/api/evaluation/complaints",
            (Func<int, object>)(_ => new { serviceCode = "sanitation", description = $"{i + 1}号楼2单元楼道垃圾堆放一周无人清运", estateId }))));
        requests.AddRange(Enumerable.Range(0, needed["consultation"]).Select(i => ("/api/consultation/parties",
            (Func<int, object>)(_ => new { kind = "ownersCommittee", name = $"重启测试第{i + 1}业主委员会", communityId }))));
        requests.AddRange(Enumerable.Range(0, needed["volunteering"]).Select(i => ("/api/volunteering/volunteers",
            (Func<int, object>)(_ => new { source = "gridWorker", name = $"网格员{i + 1}", communityId, idNumber = NationalIds.Next(), consent = true }))));

        // Interleaved, so every service takes load at once.
        var ordered = requests.Select((r, i) => (r, i)).OrderBy(x => x.i % 4).ThenBy(x => x.i).Select(x => x.r).ToList();
        await Parallel.ForEachAsync(ordered.Select((r, i) => (r.Path, Body: r.Body(i))), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (request, ct) =>
        {
            while (true)
            {
                using var response = await gateway.PostAsJsonAsync(request.Path, request.Body, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    // The per-caller limit answers with when to come back.
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {request.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                return;
            }
        });
    }

    /// <summary>
    /// Nothing in flight: every forwarder has published every event of its store, and the district log
    /// holds what the public feed carried: exactly what an outside system's queue saw (<paramref name="watch"/>),
    /// or, without one, once its queue is empty and the log stops growing.
    /// </summary>
    private static async Task LevelAsync(string administrator, Uri broker, PublicFeedWatch? watch)
    {
        var published = new HashSet<string>();
        var logged = -1L;
        await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await Eventually.True(async () =>
        {
            foreach (var service in Forwarding)
            {
                var last = await Scalar<long>(administrator, $"SELECT coalesce(max(seq_id), 0) FROM {service}.mt_events");
                var forwarded = await Scalar<long>(administrator,
                    $"SELECT coalesce(max(last_seq_id), 0) FROM {service}.mt_event_progression WHERE name LIKE '{IntegrationEventForwarder.SubscriptionName}%'");
                if (forwarded < last)
                {
                    return false;
                }
            }

            var before = logged;
            logged = await Scalar<long>(administrator, "SELECT count(*) FROM overview.mt_doc_loggedid");
            if (watch is not null)
            {
                published.UnionWith(await watch.ValidatedIdsAsync());
                return logged == published.Count;
            }

            var waiting = (await channel.QueueDeclarePassiveAsync("overview-district-log")).MessageCount;
            return waiting == 0 && logged == before;
        }, TimeSpan.FromMinutes(5), "every event forwarded and in the district log");
    }

    private static async Task<SystemState> ReadStateAsync(HttpClient gateway, string administrator)
    {
        var figures = (await gateway.GetFromJsonAsync<JsonObject>("/api/overview/figures"))!;
        figures.Remove("asOf"); // the moment of the read
        var summaries = new List<string>();
        foreach (var service in Forwarding)
        {
            var summary = (await gateway.GetFromJsonAsync<JsonObject>($"/api/{service}/summary"))!;
            summary.Remove("asOf");
            summaries.Add($"{service}: {summary.ToJsonString()}");
        }

        return new SystemState(await EventCountsAsync(administrator), figures.ToJsonString(), summaries);
    }

    private static async Task<IReadOnlyDictionary<string, long>> EventCountsAsync(string administrator)
    {
        var counts = new SortedDictionary<string, long>();
        foreach (var store in Stores)
        {
            counts[store] = await Scalar<long>(administrator, $"SELECT count(*) FROM {store}.mt_events");
        }

        return counts;
    }

    private static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
