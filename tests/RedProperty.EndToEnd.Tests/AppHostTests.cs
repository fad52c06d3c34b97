using System.Net.Http.Json;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using RabbitMQ.Client;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// The whole system as README command 1 starts it without Docker (Deps=local: the AppHost launches
/// the machine's PostgreSQL and RabbitMQ), driven through the gateway.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class AppHostTests
{
    private const string DevelopmentPassword = "redproperty-dev-password"; // the development default of every password
    [Fact]
    public async Task The_slice_works_through_the_gateway_of_the_running_AppHost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var data = Directory.CreateTempSubdirectory("redproperty-apphost-");
        // PostgreSQL runs as the postgres user, which must be able to enter the folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_101_101);
        }
        try
        {
            var (arguments, postgresPort, rabbitPort) = AppHostArguments(data.FullName);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RedProperty_AppHost>(arguments, timeout.Token);
            await using var app = await builder.BuildAsync(timeout.Token);
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
            await app.ResourceNotifications.WaitForResourceAsync("organization", KnownResourceStates.Running, timeout.Token);

            using var gateway = app.CreateHttpClient("gateway");
            // An outside system listening to everything from the start (the broker's port is known with Deps=local).
            await using var watch = rabbitPort is { } port
                ? await PublicFeedWatch.StartAsync(new Uri($"amqp://redproperty:{DevelopmentPassword}@127.0.0.1:{port}/"))
                : null;
            await The_seeds_district_loads_with_one_command_and_its_figures_are_the_reports(app, gateway.BaseAddress!, watch);

            // Signed out, nothing passes the gateway; signed in through it (client credentials at
            // the identity service behind /connect), the slice works.
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await gateway.GetAsync($"/api/evaluation/companies/{Guid.NewGuid()}")).StatusCode);
            var token = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "dev-district-admin",
                ["client_secret"] = RedProperty.Identity.IdentityService.DevelopmentSecret,
                ["scope"] = "redproperty",
            }));
            Assert.Equal(System.Net.HttpStatusCode.OK, token.StatusCode);
            gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer", (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString());
            var id = await gateway.RegisterCompany("天水市麦积区网关测试物业服务有限公司");
            var company = await gateway.EvaluationCompanyEventually(id);

            Assert.Equal("天水市麦积区网关测试物业服务有限公司", company.GetProperty("name").GetString());
            // Every service behind its gateway prefix.
            Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.GetAsync("/api/consultation/summary")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.GetAsync("/api/evaluation/summary")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await gateway.GetAsync("/api/volunteering/summary")).StatusCode);
            await The_company_reaches_the_public_feed_the_overview_and_its_page(app, gateway.BaseAddress!, id);

            // deploy/token.sh, as README shows it: a company's user sees its company and not another.
            var companyUser = await TokenFromScript(gateway.BaseAddress!, "company-user", id.ToString());
            using var asCompany = app.CreateHttpClient("gateway");
            asCompany.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", companyUser);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await asCompany.GetAsync($"/api/organization/companies/{id}")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await asCompany.GetAsync($"/api/organization/companies/{Guid.NewGuid()}")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await asCompany.PostAsJsonAsync("/api/organization/companies", new { })).StatusCode);

            // Operations work with each service's own, restricted credentials: a replay goes through
            // Organization's replay exchange to Evaluation's queue.
            var replay = await gateway.PostAsJsonAsync("/api/organization/integration-events/replay", new
            {
                queue = "evaluation-property-company-registered",
                fromSequence = 0,
                contracts = new[] { "redproperty.organization.property-company-registered.v1" },
            });
            Assert.Equal(System.Net.HttpStatusCode.OK, replay.StatusCode);
            Assert.True((await replay.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("published").GetInt32() >= 1);

            if (postgresPort is { } pg && rabbitPort is { } amqp)
            {
                await Services_cannot_reach_each_others_tables_or_forge_each_others_events(pg, amqp);
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Outside_Development_the_AppHost_refuses_to_start_with_default_passwords()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RedProperty_AppHost>(
                ["--environment", "Production", "Deps=local"], timeout.Token);
            await using var app = await builder.BuildAsync(timeout.Token);
        });

        Assert.Contains("has the development default", refused.ToString());
    }

    // deploy/demo.sh as README shows it: the whole seed through the public APIs; the figures are the
    // report's and every service's summary agrees (the script checks both and fails otherwise); run
    // again step by step (--reload), nothing is added.
    private static async Task The_seeds_district_loads_with_one_command_and_its_figures_are_the_reports(DistributedApplication app, Uri gatewayAddress, PublicFeedWatch? watch)
    {
        var (first, output) = await Script(gatewayAddress, "deploy/demo.sh");
        Assert.True(first == 0, output);
        Assert.Contains("equals the report's table", output);
        using var anonymous = app.CreateHttpClient("gateway");
        var figures = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/overview/figures");
        int[] report = [81, 12, 5, 7, 29, 38, 8, 12, 5, 3, 70, 548, 103, 10_504, 4, 21, 13];
        string[] names = ["partyMembers", "companiesWithMembers", "branchesEstablished", "companiesForming", "concurrentCompanyHeads", "instructors",
            "responsibilityZones", "pioneerPosts", "redListed", "blackListed", "smartSecurityCommunities", "parkingSpacesAdded", "renovatedCommunities",
            "householdsBenefiting", "volunteerTeams", "activitiesHeld", "disputesMediated"];
        Assert.Equal(report, names.Select(n => figures.GetProperty(n).GetInt32()));
        Assert.Equal(4, figures.GetProperty("communities").GetArrayLength());

        var (again, rerun) = await Script(gatewayAddress, "deploy/demo.sh", "--reload");
        Assert.True(again == 0, rerun);
        var after = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/overview/figures");
        Assert.Equal(figures.GetProperty("position").GetInt64(), after.GetProperty("position").GetInt64()); // not one event more

        if (watch is not null)
        {
            // Every message of all four services on the public exchange is a valid CloudEvent, and the
            // district log holds exactly those events: none missing, none twice.
            using var integrator = app.CreateHttpClient("gateway");
            integrator.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer", await TokenFromScript(gatewayAddress, "integration-client"));
            var published = new List<string>();
            var logged = new List<string>();
            await RedProperty.Testing.Eventually.True(async () =>
            {
                published.AddRange(await watch.ValidatedIdsAsync());
                logged = [.. (await integrator.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/overview/feed?after=0&limit=1000"))
                    .EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
                return published.Order().SequenceEqual(logged.Order());
            }, what: "the district log to hold exactly the events published");
            Assert.True(published.Count > 700, $"{published.Count} messages");
            Assert.Equal(published.Count, published.Distinct().Count());
        }
    }

    // The public side: the company's registration as a CloudEvent in the catch-up feed (integration
    // clients only), the figures open to anyone, and the operators' page in a real browser showing them.
    private static async Task The_company_reaches_the_public_feed_the_overview_and_its_page(DistributedApplication app, Uri gatewayAddress, Guid company)
    {
        using var anonymous = app.CreateHttpClient("gateway");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/overview/feed")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/api/overview/asyncapi.json")).StatusCode);
        using var integrator = app.CreateHttpClient("gateway");
        integrator.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", await TokenFromScript(gatewayAddress, "integration-client"));
        var registered = (await RedProperty.Testing.Eventually.Get<System.Text.Json.JsonElement?>(async () =>
        {
            var feed = await integrator.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/overview/feed?after=0&limit=1000");
            var matches = feed.EnumerateArray().Where(e => e.GetProperty("subject").GetString() == company.ToString()
                && e.GetProperty("type").GetString() == "cn.gov.redproperty.organization.property-company-registered.v1").ToList();
            return matches.Count > 0 ? matches[0].Clone() : null;
        }, what: "the company's registration in the catch-up feed"))!.Value;
        var schema = registered.GetProperty("dataschema").GetString()!;
        Assert.StartsWith(gatewayAddress.ToString().TrimEnd('/'), schema); // served by the gateway, as the AppHost configured it
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync(schema)).StatusCode);

        // The page shows what the API returns (the same log position), without console errors.
        await RedProperty.Testing.Eventually.True(async () =>
        {
            var page = await PageCheck(new Uri(gatewayAddress, "/overview"));
            var figures = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/overview/figures");
            Assert.Equal(200, page.GetProperty("status").GetInt32());
            var errors = page.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.True(errors.Count == 0, $"console errors: {string.Join(" | ", errors)}");
            if (page.GetProperty("position").GetInt64() != figures.GetProperty("position").GetInt64())
            {
                return false; // events arrived in between: look again
            }

            var shown = page.GetProperty("figures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(17, shown.Count);
            Assert.All(shown, f => Assert.Equal(figures.GetProperty(f.Key).GetInt32(), f.Value));
            return true;
        }, what: "the operator page to show the figures the API returns");
    }

    /// <summary>deploy/tools/page-check.mjs: the page in headless chromium, as JSON.</summary>
    private static async Task<System.Text.Json.JsonElement> PageCheck(Uri page)
    {
        var start = new System.Diagnostics.ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Repository.Root, "deploy", "tools") };
        start.ArgumentList.Add("page-check.mjs");
        start.ArgumentList.Add(page.ToString());
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"page-check.mjs failed: {await errors}");
        return System.Text.Json.JsonDocument.Parse((await output).Trim().Split('\n')[^1]).RootElement.Clone();
    }

    // Least privilege underneath: each service's own credentials, as the AppHost provisioned them.
    private static async Task Services_cannot_reach_each_others_tables_or_forge_each_others_events(int postgresPort, int rabbitPort)
    {
        const string password = DevelopmentPassword;
        await using (var organization = new NpgsqlConnection(
                         $"Host=127.0.0.1;Port={postgresPort};Database=redproperty;Username=organization;Password={password};Pooling=false"))
        {
            await organization.OpenAsync();
            await using var own = new NpgsqlCommand("SELECT count(*) FROM organization.mt_events", organization);
            Assert.True((long)(await own.ExecuteScalarAsync())! > 0);
            await using var other = new NpgsqlCommand("SELECT count(*) FROM evaluation.mt_doc_companydirectoryentry", organization);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => other.ExecuteScalarAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        var evaluation = await new ConnectionFactory { Uri = new Uri($"amqp://evaluation:{password}@127.0.0.1:{rabbitPort}/") }.CreateConnectionAsync();
        await using (evaluation)
        {
            await using var channel = await evaluation.CreateChannelAsync(new CreateChannelOptions(true, true));
            var forged = await Assert.ThrowsAnyAsync<Exception>(async () =>
                await channel.BasicPublishAsync("redproperty.organization.property-company-registered.v1", "", true, new BasicProperties(), "{}"u8.ToArray()));
            Assert.Contains("ACCESS_REFUSED", forged.ToString());

            // On the public feed it writes its own CloudEvents types only (a topic permission).
            await using var own = await evaluation.CreateChannelAsync(new CreateChannelOptions(true, true));
            await own.BasicPublishAsync("red-property.public", "cn.gov.redproperty.evaluation.test.v1", false, new BasicProperties(), "{}"u8.ToArray());
            await using var other = await evaluation.CreateChannelAsync(new CreateChannelOptions(true, true));
            var forgedPublic = await Assert.ThrowsAnyAsync<Exception>(async () =>
                await other.BasicPublishAsync("red-property.public", "cn.gov.redproperty.organization.party-member-joined-company.v1", false, new BasicProperties(), "{}"u8.ToArray()));
            Assert.Contains("ACCESS_REFUSED", forgedPublic.ToString());
        }
    }

    /// <summary>Runs a deploy/ script against the gateway: its exit code and everything it printed.</summary>
    private static async Task<(int ExitCode, string Output)> Script(Uri gateway, string script, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDPROPERTY_GATEWAY"] = gateway.ToString().TrimEnd('/');
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, $"{await output}\n{await errors}");
    }

    /// <summary>Runs deploy/token.sh against the gateway; its last line is the bare token.</summary>
    private static async Task<string> TokenFromScript(Uri gateway, params string[] arguments)
    {
        var (exitCode, output) = await Script(gateway, "deploy/token.sh", arguments);
        Assert.True(exitCode == 0, $"deploy/token.sh failed: {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(line => line.StartsWith("ey", StringComparison.Ordinal));
    }

    // With test servers from deploy/test.sh there is no container runtime: run the local servers,
    // on fixed ports (a free block below the ephemeral range). Otherwise the AppHost picks containers.
    private static (string[] Arguments, int? PostgresPort, int? RabbitPort) AppHostArguments(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable("REDPROPERTY_TEST_POSTGRES") is null)
        {
            return ([], null, null);
        }

        var postgresPort = FreePortBlock(27400, 1);
        var rabbitPort = FreePortBlock(27600, 4); // AMQP, management, distribution, epmd
        return (
        [
            "Deps=local",
            $"Local:DataDirectory={dataDirectory}",
            $"Local:PostgresPort={postgresPort}",
            $"Local:RabbitMqPort={rabbitPort}",
            $"Local:RabbitMqManagementPort={rabbitPort + 1}",
        ], postgresPort, rabbitPort);
    }

    private static int FreePortBlock(int start, int size)
    {
        for (var port = start; port < start + 150; port += size)
        {
            if (Enumerable.Range(port, size).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {size} free ports from {start}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
