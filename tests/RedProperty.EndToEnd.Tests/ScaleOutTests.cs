using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using RedProperty.Testing;
using Xunit.Abstractions;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// Every service twice (<c>deploy/run.sh Replicas=2</c>): one forwarder per service at a time, and
/// when its process is killed (kill -9) while registrations flow, the other instance takes over
/// within 15 s; every acknowledged registration reaches Evaluation and the district log, each once.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    [LocalServersFact]
    public async Task When_the_forwarders_process_is_killed_another_instance_takes_over_and_nothing_is_lost_or_doubled()
    {
        var data = AppHostLaunch.DataDirectory();
        var (arguments, postgresPort, _) = AppHostLaunch.AppHostArguments(data.FullName);
        await using var app = await AppHostLaunch.StartAsync([.. arguments, "Replicas=2"]);
        using var gateway = await AppHostLaunch.SignedInAsync(app, "district-admin");
        var administrator = $"Host=127.0.0.1;Port={postgresPort};Database=redproperty;Username=postgres;Password={AppHostLaunch.DevelopmentPassword};Pooling=false";

        Assert.Equal(2, Process.GetProcesses().Count(p => p.ProcessName == "RedProperty.Organization"));
        var leader = (await Eventually.Get(() => ForwarderOf(administrator, "RedProperty.Organization"), what: "Organization's forwarder elected"))!;

        // Registrations at eight at a time; the leader is killed once a few hundred are in.
        var accepted = new ConcurrentBag<Guid>();
        var refused = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await gateway.PostAsJsonAsync("/api/organization/companies",
                        new { name = $"天水市麦积区第{worker}-{i}物业服务有限公司", creditCode = CreditCodes.Next(), address = "甘肃省天水市麦积区道北街道" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref refused); // the killed instance's connection
                }
            }
        })).ToList();

        await Eventually.True(() => Task.FromResult(accepted.Count >= 200), what: "200 registrations before the kill");
        var atKill = accepted.Count;
        var killedAt = Stopwatch.StartNew();
        Process.GetProcessById(leader.Pid).Kill(); // SIGKILL: no shutdown, no release of anything
        var successor = await Eventually.Get(async () => await ForwarderOf(administrator, "RedProperty.Organization") is { } next && next.Pid != leader.Pid ? next : null,
            timeout: TimeSpan.FromSeconds(30), what: "another instance leading the forwarder");
        var takeover = killedAt.Elapsed;

        await Eventually.True(() => Task.FromResult(accepted.Count >= atKill + 200), timeout: TimeSpan.FromSeconds(60), what: "200 registrations after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // Every acknowledged registration in Evaluation's directory and in the district log, each once.
        var ids = accepted.ToHashSet();
        var inEvaluation = await Eventually.Get(async () =>
        {
            var found = await IdsAsync(administrator, "SELECT id FROM evaluation.mt_doc_companydirectoryentry");
            return ids.IsSubsetOf(found) ? found : null;
        }, timeout: TimeSpan.FromSeconds(90), what: "every acknowledged company in Evaluation");
        // The log has one writer at a time and trails Evaluation under load: a slow log is late, a missing entry is lost.
        var missing = ids.Count;
        Dictionary<Guid, int>? logged = null;
        try
        {
            logged = await Eventually.Get(async () =>
            {
                var subjects = await SubjectsAsync(administrator);
                missing = ids.Count(id => !subjects.ContainsKey(id));
                return missing == 0 ? subjects : null;
            }, timeout: TimeSpan.FromSeconds(180));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{missing} of {ids.Count} acknowledged companies not in the district log 180 s after the load.");
        }

        output.WriteLine($"leader {leader.Name} killed after {atKill} registrations; {successor!.Name} took over in {takeover.TotalSeconds:F1} s; " +
            $"{ids.Count} acknowledged, {refused} refused or cut off, {inEvaluation!.Count} in Evaluation, {logged!.Count} registrations in the district log");
        Assert.True(takeover < TimeSpan.FromSeconds(15), $"takeover took {takeover}");
        Assert.All(ids, id => Assert.Equal(1, logged![id]));
    }

    /// <summary>The process (application name "{program}:{pid}") holding an advisory lock of its program, i.e. leading the daemon.</summary>
    private static async Task<Holder?> ForwarderOf(string administrator, string program)
    {
        await using var connection = new NpgsqlConnection(administrator);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE @program
            """, connection);
        command.Parameters.AddWithValue("program", program + ":%");
        var holders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            holders.Add(reader.GetString(0));
        }

        return holders.Count == 1 ? new Holder(holders[0], int.Parse(holders[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    private sealed record Holder(string Name, int Pid);

    private static async Task<HashSet<Guid>> IdsAsync(string administrator, string sql)
    {
        await using var connection = new NpgsqlConnection(administrator);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(Guid.Parse(reader.GetValue(0).ToString()!));
        }

        return ids;
    }

    /// <summary>How many times each company's registration is in the district log.</summary>
    private static async Task<Dictionary<Guid, int>> SubjectsAsync(string administrator)
    {
        await using var connection = new NpgsqlConnection(administrator);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT data ->> 'Subject', count(*) FROM overview.mt_events
            WHERE type = 'district_event_logged' AND data ->> 'Type' LIKE '%property-company-registered%'
            GROUP BY 1
            """, connection);
        var counts = new Dictionary<Guid, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (Guid.TryParse(reader.GetString(0), out var id))
            {
                counts[id] = (int)reader.GetInt64(1);
            }
        }

        return counts;
    }
}
