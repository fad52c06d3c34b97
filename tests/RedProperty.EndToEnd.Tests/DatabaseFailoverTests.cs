using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RedProperty.Evaluation;
using RedProperty.Organization;
using RedProperty.Testing;
using Xunit.Abstractions;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// PostgreSQL as a primary with a synchronous standby (deploy/local/postgres.sh primary / standby),
/// the services on a multi-host connection string (<c>Target Session Attributes=primary</c>): the
/// primary killed (kill -9) under load and the standby promoted, no acknowledged write is lost and the
/// services go on without a restart, the forwarder included.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class DatabaseFailoverTests(ITestOutputHelper output)
{
    [LocalServersFact]
    public async Task After_the_primary_is_killed_and_the_standby_promoted_no_acknowledged_write_is_lost()
    {
        var work = AppHostLaunch.DataDirectory();
        var (primaryPort, standbyPort) = (AppHostLaunch.FreePort(27800), AppHostLaunch.FreePort(27850));
        await Postgres("primary", Path.Combine(work.FullName, "primary"), primaryPort);
        try
        {
            await Postgres("standby", Path.Combine(work.FullName, "standby"), standbyPort, primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var servers = $"Host=127.0.0.1:{primaryPort},127.0.0.1:{standbyPort};Username=postgres;Password={AppHostLaunch.DevelopmentPassword}";
            await using (var admin = new NpgsqlConnection($"{servers};Database=postgres;Target Session Attributes=primary"))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE DATABASE failover", admin);
                await create.ExecuteNonQueryAsync();
            }

            var database = $"{servers};Database=failover;Target Session Attributes=primary";
            await using var system = await TestSystem.CreateAsync("db-failover");
            // The load is one caller: no per-caller rate limit in the way of what is measured.
            (string, string?)[] settings = [("ConnectionStrings:redproperty", database), ("RateLimits:PerMinute", "1000000")];
            var evaluation = system.Start<EvaluationService>(settings);
            await evaluation.ConsumersReadyAsync();
            var organization = system.Start<OrganizationService>(settings);
            using var org = organization.CreateClient();
            using var eval = evaluation.CreateClient();

            var accepted = new ConcurrentBag<Guid>();
            var unexpected = new ConcurrentBag<string>();
            var failed = 0;
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    using var response = await org.PostAsJsonAsync("/api/organization/companies",
                        new { name = $"天水市麦积区切换测试第{worker}-{i}物业服务有限公司", creditCode = CreditCodes.Next(), address = "甘肃省天水市麦积区马跑泉镇" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    }
                    else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref failed); // until the standby is primary
                    }
                    else
                    {
                        unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
            })).ToList();

            await Eventually.True(() => Task.FromResult(accepted.Count >= 100), what: "100 registrations before the kill");
            var atKill = accepted.Count;
            var clock = Stopwatch.StartNew();
            await Postgres("kill", Path.Combine(work.FullName, "primary"), primaryPort);
            await Postgres("promote", Path.Combine(work.FullName, "standby"), standbyPort);
            var promoted = clock.Elapsed;
            try
            {
                await Eventually.True(() => Task.FromResult(accepted.Count >= atKill + 100 || !unexpected.IsEmpty), timeout: TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Not 100 registrations on the promoted standby in 90 s: {accepted.Count - atKill} since the kill, {failed} answered 503.");
            }

            var resumed = clock.Elapsed;
            await stop.CancelAsync();
            await Task.WhenAll(load);
            Assert.True(unexpected.IsEmpty, "Answers other than 201 or 503:\n" + string.Join("\n", unexpected.Take(5)));

            // Every acknowledged registration is on the new primary and reaches Evaluation (its forwarder
            // and consumer carried on without a restart).
            foreach (var id in accepted)
            {
                Assert.Equal(HttpStatusCode.OK, (await org.GetAsync($"/api/organization/companies/{id}")).StatusCode);
            }

            await Eventually.True(async () =>
            {
                foreach (var id in accepted)
                {
                    if ((await eval.GetAsync($"/api/evaluation/companies/{id}")).StatusCode != HttpStatusCode.OK)
                    {
                        return false;
                    }
                }

                return true;
            }, timeout: TimeSpan.FromSeconds(120), what: "every acknowledged company in Evaluation");

            output.WriteLine($"primary killed after {atKill} registrations; standby promoted {promoted.TotalSeconds:F1} s later; " +
                $"registrations succeeding again, 100 more by {resumed.TotalSeconds:F1} s; {accepted.Count} acknowledged, none lost; {failed} answered 503 meanwhile");
        }
        finally
        {
            await Postgres("stop", Path.Combine(work.FullName, "standby"), standbyPort);
            await Postgres("stop", Path.Combine(work.FullName, "primary"), primaryPort);
        }
    }

    private static async Task Postgres(string verb, string directory, int port, params string[] more)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        foreach (var argument in (string[])["deploy/local/postgres.sh", verb, directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. more])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var outputText = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"postgres.sh {verb}: {await outputText}{await errors}");
    }
}
