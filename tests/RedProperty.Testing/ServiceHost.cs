using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RedProperty.Testing;

/// <summary>
/// A RedProperty service in-process (TestServer for HTTP) on the real PostgreSQL and RabbitMQ,
/// with its schema and broker virtual host chosen by the test.
/// </summary>
public sealed class ServiceHost<TService>(
    IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null, string? defaultToken = null)
    : WebApplicationFactory<TService>
    where TService : class
{
    /// <summary>Clients are signed in as a district admin unless a test says otherwise (<see cref="SignedInClients.WithToken"/>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.WithToken(defaultToken);
    }

    /// <summary>
    /// Waits until every receive endpoint of the service consumes, so nothing published afterwards is
    /// parked as unroutable (the AppHost's topology step gives the same guarantee in a deployment).
    /// </summary>
    public async Task ConsumersReadyAsync()
    {
        var status = await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (status != BusHealthStatus.Healthy)
        {
            throw new TimeoutException($"The bus of {typeof(TService).Name} is {status} after 60 s.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}

/// <summary>One database and one virtual host for a test class; services started in it share both.</summary>
public sealed class TestSystem : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _hosts = [];

    private TestSystem(TestInfrastructure infrastructure, string database, TestBroker broker, TestIdentity identity, string adminToken)
    {
        Infrastructure = infrastructure;
        Database = database;
        Broker = broker;
        Identity = identity;
        AdminToken = adminToken;
    }

    /// <summary>The run's identity service; <see cref="TestIdentity.TokenAsync"/> gives a token for any role.</summary>
    public TestIdentity Identity { get; }

    public string AdminToken { get; }

    public TestInfrastructure Infrastructure { get; }

    public string Database { get; }

    public TestBroker Broker { get; }

    public static async Task<TestSystem> CreateAsync(string name)
    {
        var infrastructure = await TestInfrastructure.Shared;
        var database = await infrastructure.CreateDatabaseAsync(name);
        var broker = await infrastructure.CreateVirtualHostAsync(name);
        var identity = await TestIdentity.Shared;
        return new TestSystem(infrastructure, database, broker, identity, await identity.TokenAsync(BuildingBlocks.Security.Roles.DistrictAdmin));
    }

    /// <summary>Starts a service; <paramref name="settings"/> override configuration (e.g. Messaging:RetryLimit).</summary>
    public ServiceHost<TService> Start<TService>(params (string Key, string? Value)[] settings) where TService : class =>
        Start<TService>(null, settings);

    /// <summary>Starts a service with replaced services, e.g. a FakeTimeProvider.</summary>
    public ServiceHost<TService> Start<TService>(Action<IServiceCollection>? services, params (string Key, string? Value)[] settings)
        where TService : class
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redproperty"] = Database,
            ["ConnectionStrings:messaging"] = Broker.ConnectionUri.ToString(),
            // One process per service here, so no leader election to wait for.
            ["EventStore:DaemonMode"] = "Solo",
        };
        foreach (var (key, value) in TestIdentity.Settings.Concat(settings))
        {
            all[key] = value;
        }

        var host = new ServiceHost<TService>(all, s =>
        {
            Identity.Trust(s);
            services?.Invoke(s);
        }, AdminToken);
        _ = host.Server; // start now, so its queues are bound before anything is published
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// The topology step exactly as the AppHost runs it: the service's own program, in a process of
    /// its own, with <c>Messaging:DeployTopologyOnly=true</c>; it declares its queues and exits.
    /// </summary>
    public async Task DeployTopologyAsync<TService>() where TService : class =>
        await RunStepAsync<TService>("topology", "--Messaging:DeployTopologyOnly=true");

    /// <summary>
    /// The rebuild step as an operator runs it: the service's own program, in a process of its own, with
    /// <c>EventStore:Rebuild</c>; it replays the store into the read models and exits. Returns what it logged.
    /// </summary>
    public Task<string> RebuildAsync<TService>(string which = "all") where TService : class =>
        RunStepAsync<TService>("rebuild", $"--EventStore:Rebuild={which}");

    private async Task<string> RunStepAsync<TService>(string step, string setting) where TService : class
    {
        var program = typeof(TService).Assembly.Location;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                program,
                setting,
                $"--ConnectionStrings:redproperty={Database}",
                $"--ConnectionStrings:messaging={Broker.ConnectionUri}",
            },
        };
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {step} step of {typeof(TService).Name} failed ({process.ExitCode}): {await output}{await errors}");
        }

        return await output + await errors;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
    }
}
