using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using RabbitMQ.Client;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// The whole system as README command 1 starts it without Docker (Deps=local: the AppHost launches
/// the machine's PostgreSQL and RabbitMQ), with the seed's district loaded by deploy/demo.sh, driven
/// through the gateway. One AppHost for the class; each fact checks one thing.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class AppHostTests(RunningAppHost system) : IClassFixture<RunningAppHost>
{
    private const string DevelopmentPassword = AppHostLaunch.DevelopmentPassword;

    // deploy/demo.sh as README shows it: the whole seed through the public APIs; the figures are the
    // report's and every service's summary agrees (the script checks both and fails otherwise).
    [Fact]
    public async Task The_seeds_district_loads_with_one_command_and_its_figures_are_the_reports()
    {
        Assert.True(system.Demo.ExitCode == 0, system.Demo.Output);
        Assert.Contains("equals the report's table", system.Demo.Output);
        using var anonymous = system.App.CreateHttpClient("gateway");
        var figures = await anonymous.GetFromJsonAsync<JsonElement>("/api/overview/figures");
        int[] report = [81, 12, 5, 7, 29, 38, 8, 12, 5, 3, 70, 548, 103, 10_504, 4, 21, 13];
        string[] names = ["partyMembers", "companiesWithMembers", "branchesEstablished", "companiesForming", "concurrentCompanyHeads", "instructors",
            "responsibilityZones", "pioneerPosts", "redListed", "blackListed", "smartSecurityCommunities", "parkingSpacesAdded", "renovatedCommunities",
            "householdsBenefiting", "volunteerTeams", "activitiesHeld", "disputesResolved"];
        Assert.Equal(report, names.Select(n => figures.GetProperty(n).GetInt32()));
        Assert.Equal(4, figures.GetProperty("communities").GetArrayLength());

        // 2022Q2 was closed on 20 July 2022: on the report's date its lists stand, at the end of March there were none.
        var onReportDate = await anonymous.GetFromJsonAsync<JsonElement>("/api/overview/figures?asOf=2022-07-27");
        Assert.Equal((5, 3), (onReportDate.GetProperty("redListed").GetInt32(), onReportDate.GetProperty("blackListed").GetInt32()));
        var march = await anonymous.GetFromJsonAsync<JsonElement>("/api/overview/figures?asOf=2022-03-31");
        Assert.Equal((0, 0), (march.GetProperty("redListed").GetInt32(), march.GetProperty("blackListed").GetInt32()));

        // The same lists as the district's notice (通报), public through the gateway, dated the day they were published.
        var notice = await RedProperty.Testing.PdfText.ReadAsync(await anonymous.GetByteArrayAsync("/api/evaluation/periods/2022Q2/notice"));
        Assert.Contains("关于2022年第二季度物业服务企业红黑榜评定结果的通报", notice);
        Assert.Contains("业主评价好的5家物业服务企业列入“红榜”", notice);
        Assert.Contains("业主反映多的3家物业服务企业列入“黑榜”", notice);
        // Two of the three for their owners' complaints from the 12345 hotline alone (no serious finding), as the report lists them.
        Assert.Equal(2, notice.Split("业主反映多：有效投诉22件").Length - 1);
        Assert.Contains("现场抽查发现严重问题", notice);
        Assert.Contains("2022年7月20日天水市麦积区住房建设服务中心·2022Q2第", notice);
    }

    // The Production test's checks can see what they look for: here every service is Development and
    // its API page signs in with the development client by itself.
    [Fact]
    public async Task In_Development_every_service_runs_as_Development_and_its_API_page_carries_the_development_client()
    {
        foreach (var service in new[] { "identity", "organization", "evaluation", "consultation", "volunteering", "overview", "gateway" })
        {
            Assert.Equal("Development", AppHostLaunch.EnvironmentOf(system.App, service));
        }

        var page = await AppHostLaunch.ApiPageAsync(system.App, "evaluation");
        Assert.Contains("dev-district-admin", page, StringComparison.Ordinal);
        Assert.Contains("redproperty-dev-secret", page, StringComparison.Ordinal);
    }

    // The district's clock may mark the demo's unresolved complaints and unfinished action items overdue
    // while it runs again (every minute): those are the only events allowed to land meanwhile.
    [Fact]
    public async Task Running_the_demo_again_step_by_step_adds_not_one_event()
    {
        var before = await system.SettledPositionAsync();
        var (exitCode, output) = await AppHostLaunch.Script(system.Gateway, "deploy/demo.sh", "--reload");
        Assert.True(exitCode == 0, output);
        await system.SettledPositionAsync();

        using var integrator = await system.SignedInAsync("integration-client");
        var added = (await WholeFeedAsync(integrator, after: before)).Select(e => e.GetProperty("type").GetString()!).ToList();
        Assert.All(added, type => Assert.Contains(type, new[]
        {
            "cn.gov.redproperty.evaluation.complaint-overdue.v1",
            "cn.gov.redproperty.consultation.action-item-overdue.v1",
        }));
    }

    // Every message of all four services on the public exchange is a valid CloudEvent, and the
    // district log holds exactly those events: none missing, none twice.
    [LocalServersFact]
    public async Task Every_message_on_the_public_feed_is_a_valid_CloudEvent_and_the_district_log_holds_exactly_them()
    {
        using var integrator = await system.SignedInAsync("integration-client");
        var logged = new List<string>();
        await Eventually.True(async () =>
        {
            var published = await system.PublishedAsync();
            logged = [.. (await WholeFeedAsync(integrator)).Select(e => e.GetProperty("id").GetString()!)];
            return published.Order().SequenceEqual(logged.Order());
        }, what: "the district log to hold exactly the events published");
        Assert.True(logged.Count > 700, $"{logged.Count} messages");
        Assert.Equal(logged.Count, logged.Distinct().Count());
    }

    // Signed out, nothing passes the gateway; signed in through it (client credentials at the
    // identity service behind /connect), a company registered in Organization reaches Evaluation.
    [Fact]
    public async Task Signed_out_nothing_passes_the_gateway_and_signed_in_a_registered_company_reaches_evaluation()
    {
        using var anonymous = system.App.CreateHttpClient("gateway");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/evaluation/companies/{Guid.NewGuid()}")).StatusCode);
        using var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "dev-district-admin",
            ["client_secret"] = RedProperty.Identity.IdentityService.DevelopmentSecret,
            ["scope"] = "redproperty",
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var gateway = system.App.CreateHttpClient("gateway");
        gateway.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());

        var id = await gateway.RegisterCompany("天水市麦积区网关测试物业服务有限公司");
        var company = await gateway.EvaluationCompanyEventually(id);

        Assert.Equal("天水市麦积区网关测试物业服务有限公司", company.GetProperty("name").GetString());
        foreach (var service in new[] { "organization", "consultation", "evaluation", "volunteering" })
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync($"/api/{service}/summary")).StatusCode); // every service behind its prefix
        }
    }

    // deploy/token.sh, as README shows it: a company's user sees its company and not another.
    [Fact]
    public async Task A_company_user_from_token_sh_sees_its_company_and_no_other()
    {
        using var admin = await system.SignedInAsync("district-admin");
        var id = await admin.RegisterCompany("天水市麦积区企业用户测试物业服务有限公司");
        using var asCompany = await system.SignedInAsync("company-user", id.ToString());

        Assert.Equal(HttpStatusCode.OK, (await asCompany.GetAsync($"/api/organization/companies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asCompany.GetAsync($"/api/organization/companies/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asCompany.PostAsJsonAsync("/api/organization/companies", new { })).StatusCode);
    }

    // Operations work with each service's own, restricted credentials: a replay goes through
    // Organization's replay exchange to Evaluation's queue.
    [Fact]
    public async Task A_replay_goes_through_organizations_replay_exchange_to_evaluations_queue()
    {
        using var admin = await system.SignedInAsync("district-admin");
        var replay = await admin.PostAsJsonAsync("/api/organization/integration-events/replay", new
        {
            queue = "evaluation-property-company-registered",
            fromSequence = 0,
            contracts = new[] { "redproperty.organization.property-company-registered.v1" },
        });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("published").GetInt32() >= 12); // the seed's companies at least
    }

    // Behind the gateway the sign-in limit (10 attempts a minute per address) counts each client's own
    // address, which the gateway forwards: one client's failures lock out that client, not everybody.
    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address_behind_the_gateway()
    {
        using var guesser = ClientFrom("127.0.0.2");
        using var operatorsConsole = ClientFrom("127.0.0.3");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 12; attempt++)
        {
            using var response = await guesser.PostAsync("/account/login", WrongPassword());
            statuses.Add(response.StatusCode);
        }

        using var other = await operatorsConsole.PostAsync("/account/login", WrongPassword());

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, other.StatusCode);
    }

    // The broker's administrator is created from the node's environment: its password is in no file.
    [Fact]
    public void The_brokers_configuration_file_holds_no_password()
    {
        var files = system.Data.EnumerateFiles("rabbitmq.conf", SearchOption.AllDirectories).ToList();
        Assert.True(system.RabbitPort is null || files.Count > 0, "Deps=local writes the broker's configuration under the data folder");
        Assert.All(files, file => Assert.DoesNotContain("default_pass", File.ReadAllText(file.FullName), StringComparison.Ordinal));
    }

    // An auditor's trail: every administrative change (here a key and an account) with the caller's own address
    // behind the gateway, the trace and the answer, and an export of it.
    [Fact]
    public async Task Administrative_changes_are_in_each_services_audit_trail_with_the_callers_own_address()
    {
        using var signedIn = await system.SignedInAsync("district-admin");
        using var admin = ClientFrom("127.0.0.6");
        admin.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/evaluation/api-keys", new { client = "麦积区审计测试平台", rateLimit = 60 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/identity/systems/audit-test-system",
            new { displayName = "审计测试系统", scope = new { roles = new[] { "auditor" } } })).StatusCode);

        using var auditor = await system.SignedInAsync("auditor");
        foreach (var (service, what, status) in new[] { ("evaluation", "api keys", 201), ("identity", "accounts", 200) })
        {
            var trail = await auditor.GetFromJsonAsync<JsonElement>($"/api/{service}/audit?kind=change&pageSize=500");
            var entry = trail.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("clientAddress").GetString() == "127.0.0.6");
            Assert.Equal((what, status), (entry.GetProperty("what").GetString(), entry.GetProperty("status").GetInt32()));
            Assert.Matches("^[0-9a-f]{32}$", entry.GetProperty("traceId").GetString());
            Assert.Contains("district-admin", entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        var export = await auditor.GetStringAsync("/api/evaluation/audit?kind=change&format=csv");
        Assert.Contains("127.0.0.6", export);
    }

    // One integrating system at full speed must not lock other clients out of sign-in or the public
    // figures: each client address has buckets of its own behind the gateway.
    [Fact]
    public async Task A_client_filing_complaints_at_full_speed_does_not_make_sign_in_or_the_figures_answer_429_to_others()
    {
        using var admin = await system.SignedInAsync("district-admin");
        var estate = (await admin.GetFromJsonAsync<JsonElement>("/api/organization/estates"))[0].GetProperty("id").GetGuid();
        using var flooder = ClientFrom("127.0.0.4");
        flooder.DefaultRequestHeaders.Add("X-Api-Key", "red-property-dev-key");
        using var other = ClientFrom("127.0.0.5");

        var flooded = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var flood = Enumerable.Range(0, 32).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await flooder.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["service_code"] = "sanitation",
                    ["address_id"] = estate.ToString(),
                    ["description"] = $"{worker + 1}号楼{i + 1}单元楼道垃圾堆放一周无人清运",
                }));
                flooded.Add(response.StatusCode);
            }
        })).ToList();
        await Eventually.True(() => Task.FromResult(flooded.Count >= 300), what: "the flood under way");

        var others = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var figures = await other.GetAsync("/api/overview/figures");
            others.Add(figures.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var token = await other.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "dev-auditor",
                ["client_secret"] = "redproperty-dev-secret",
                ["scope"] = "redproperty",
            }));
            others.Add(token.StatusCode);
        }

        await stop.CancelAsync();
        await Task.WhenAll(flood);

        Assert.Contains(HttpStatusCode.Created, flooded);
        Assert.All(others, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    // The public side: the company's registration as a CloudEvent in the catch-up feed (integration
    // clients only), the figures open to anyone, and the operators' page in a real browser showing them.
    [Fact]
    public async Task A_company_reaches_the_public_feed_the_overview_and_its_page()
    {
        var app = system.App;
        var gatewayAddress = system.Gateway;
        using var admin = await system.SignedInAsync("district-admin");
        var company = await admin.RegisterCompany("天水市麦积区公开事件测试物业服务有限公司");
        using var anonymous = app.CreateHttpClient("gateway");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/overview/feed")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await anonymous.GetAsync("/api/overview/asyncapi.json")).StatusCode);
        using var integrator = app.CreateHttpClient("gateway");
        integrator.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", await AppHostLaunch.TokenFromScript(gatewayAddress, "integration-client"));
        var registered = (await RedProperty.Testing.Eventually.Get<System.Text.Json.JsonElement?>(async () =>
        {
            var feed = await WholeFeedAsync(integrator);
            var matches = feed.Where(e => e.GetProperty("subject").GetString() == company.ToString()
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
            // The lists link to their notice, which anyone can open.
            var notice = $"/api/evaluation/periods/{figures.GetProperty("period").GetString()}/notice";
            Assert.Equal(notice, page.GetProperty("notice").GetString());
            var pdf = await anonymous.GetAsync(notice);
            Assert.Equal(System.Net.HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
            return true;
        }, what: "the operator page to show the figures the API returns");
    }

    /// <summary>The whole district log through the catch-up feed, page after page (a page holds at most 1,000).</summary>
    private static async Task<List<JsonElement>> WholeFeedAsync(HttpClient client, long after = 0)
    {
        var all = new List<JsonElement>();
        for (var next = after.ToString(System.Globalization.CultureInfo.InvariantCulture); ;)
        {
            using var response = await client.GetAsync($"/api/overview/feed?after={next}&limit=1000");
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(e => e.Clone()).ToList();
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            next = response.Headers.GetValues("Feed-Next-After").Single();
        }
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

    [LocalServersFact]
    public async Task Services_cannot_reach_each_others_tables_or_forge_each_others_events()
    {
        // Least privilege underneath: each service's own credentials, as the AppHost provisioned them.
        var (postgresPort, rabbitPort) = (system.PostgresPort!.Value, system.RabbitPort!.Value);
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

    private static FormUrlEncodedContent WrongPassword() =>
        new(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "猜测的密码" });

    /// <summary>A client whose connections come from <paramref name="address"/> (another loopback address of this machine).</summary>
    private HttpClient ClientFrom(string address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = system.Gateway };
}
