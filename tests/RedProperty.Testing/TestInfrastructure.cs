using System.Diagnostics;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace RedProperty.Testing;

/// <summary>
/// The one PostgreSQL server and one RabbitMQ broker a test run shares. Servers started by
/// deploy/test.sh are found through REDPROPERTY_TEST_* variables; without them, Testcontainers
/// starts both when a container runtime answers. With neither, tests fail loudly: never a silent skip.
/// Each test class isolates itself with its own database and virtual host.
/// </summary>
public sealed class TestInfrastructure
{
    private static readonly Lazy<Task<TestInfrastructure>> Instance = new(StartAsync);

    private TestInfrastructure(
        string postgres, Uri broker, RabbitMqManagement management, Func<string, Task> controlBroker, Func<string, Task> controlDatabase)
    {
        PostgresConnectionString = postgres;
        Broker = broker;
        Management = management;
        ControlBroker = controlBroker;
        ControlDatabase = controlDatabase;
    }

    public static Task<TestInfrastructure> Shared => Instance.Value;

    /// <summary>Whether deploy/test.sh started the machine's own servers (no container runtime): tests may then run them too.</summary>
    public static bool UsesLocalServers => Environment.GetEnvironmentVariable("REDPROPERTY_TEST_POSTGRES") is not null;

    /// <summary>Administrator connection string without a database name.</summary>
    public string PostgresConnectionString { get; }

    /// <summary>amqp://user:password@host:port/ of the shared broker.</summary>
    public Uri Broker { get; }

    public RabbitMqManagement Management { get; }

    /// <summary>Runs "stop-app" or "start-app" against the broker (outage tests).</summary>
    public Func<string, Task> ControlBroker { get; }

    /// <summary>Runs "stop" or "start" against the PostgreSQL server (outage tests).</summary>
    public Func<string, Task> ControlDatabase { get; }

    /// <summary>Stops ("stop") or starts ("start") PostgreSQL; after a start, pooled connections of the old server are dropped.</summary>
    public async Task ControlDatabaseAsync(string verb)
    {
        await ControlDatabase(verb);
        NpgsqlConnection.ClearAllPools();
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        var database = $"t_{Sanitize(name)}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = database }.ConnectionString;
    }

    /// <summary>A virtual host of its own, so parallel test classes never consume each other's messages.</summary>
    public async Task<TestBroker> CreateVirtualHostAsync(string name)
    {
        var virtualHost = $"t-{Sanitize(name)}-{Guid.NewGuid():N}"[..40];
        await Management.CreateVirtualHostAsync(virtualHost);
        return new TestBroker(new Uri(Broker, Uri.EscapeDataString(virtualHost)), virtualHost, Management);
    }

    private static string Sanitize(string name) =>
        new(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());

    private static async Task<TestInfrastructure> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("REDPROPERTY_TEST_POSTGRES");
        var broker = Environment.GetEnvironmentVariable("REDPROPERTY_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("REDPROPERTY_TEST_RABBITMQ_MANAGEMENT");
        var control = Environment.GetEnvironmentVariable("REDPROPERTY_TEST_BROKER_CONTROL");
        var databaseControl = Environment.GetEnvironmentVariable("REDPROPERTY_TEST_POSTGRES_CONTROL");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(broker) && !string.IsNullOrEmpty(management))
        {
            var brokerUri = new Uri(broker);
            return new TestInfrastructure(postgres, brokerUri, new RabbitMqManagement(new Uri(management), brokerUri.UserInfo),
                verb => RunControlCommand(control ?? throw new InvalidOperationException("REDPROPERTY_TEST_BROKER_CONTROL is not set."), verb),
                verb => RunControlCommand(databaseControl ?? throw new InvalidOperationException("REDPROPERTY_TEST_POSTGRES_CONTROL is not set."), verb));
        }

        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            throw new InvalidOperationException(
                "No test servers: run the tests with deploy/test.sh (it starts PostgreSQL and RabbitMQ), " +
                "set REDPROPERTY_TEST_POSTGRES / _RABBITMQ / _RABBITMQ_MANAGEMENT / _BROKER_CONTROL, or provide a container runtime.");
        }

        return await StartContainersAsync();
    }

    private static async Task<TestInfrastructure> StartContainersAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:17").WithCommand("-c", "max_connections=400").Build();
        var rabbitmq = new RabbitMqBuilder("rabbitmq:3.13-management")
            .WithUsername("redproperty").WithPassword("redproperty-dev-password")
            .WithPortBinding(15672, true)
            .Build();
        await Task.WhenAll(postgres.StartAsync(), rabbitmq.StartAsync());

        var connection = new NpgsqlConnectionStringBuilder(postgres.GetConnectionString()) { Database = null }.ConnectionString;
        var brokerUri = new Uri(new Uri(rabbitmq.GetConnectionString()), "/");
        var managementUri = new Uri($"http://{rabbitmq.Hostname}:{rabbitmq.GetMappedPublicPort(15672)}/");
        return new TestInfrastructure(connection, brokerUri, new RabbitMqManagement(managementUri, brokerUri.UserInfo), async verb =>
        {
            var command = verb == "stop-app" ? "stop_app" : "start_app";
            var result = await rabbitmq.ExecAsync(["rabbitmqctl", command]);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"rabbitmqctl {command}: {result.Stderr}");
            }
        }, async verb =>
        {
            if (verb == "stop")
            {
                await postgres.PauseAsync();
            }
            else
            {
                await postgres.UnpauseAsync();
            }
        });
    }

    private static async Task RunControlCommand(string template, string verb)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", template.Replace("{verb}", verb, StringComparison.Ordinal)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Broker control '{verb}' failed ({process.ExitCode}): {stderr}");
        }
    }
}

/// <summary>A virtual host on the shared broker.</summary>
public sealed record TestBroker(Uri ConnectionUri, string VirtualHost, RabbitMqManagement Management)
{
    public Task<QueueState?> QueueAsync(string queue) => Management.GetQueueAsync(VirtualHost, queue);

    public Task<IReadOnlyList<QueuedMessage>> PeekAsync(string queue) => Management.PeekAsync(VirtualHost, queue);

    public Task BindQueueAsync(string exchange, string queue, IReadOnlyDictionary<string, object>? arguments = null) =>
        Management.BindQueueAsync(VirtualHost, exchange, queue, arguments);

    public Task DeleteQueueAsync(string queue) => Management.DeleteQueueAsync(VirtualHost, queue);

    public Task<IReadOnlySet<string>> ConnectionsAsync() => Management.ConnectionsAsync(VirtualHost);

    public Task<int> CloseConnectionsAsync() => Management.CloseConnectionsAsync(VirtualHost);

    /// <summary>The connection address of a broker account named <paramref name="user"/> on this virtual host (created if new).</summary>
    public async Task<Uri> AccountAsync(string user)
    {
        const string password = "redproperty-test-account";
        await Management.CreateUserAsync(VirtualHost, user, password);
        return new UriBuilder(ConnectionUri) { UserName = user, Password = password }.Uri;
    }

    /// <summary>The account the tests' services share.</summary>
    public string SharedAccount => Uri.UnescapeDataString(ConnectionUri.UserInfo.Split(':')[0]);

    /// <summary>Waits until a consumer listens on <paramref name="queue"/> (its service has bound it).</summary>
    public Task ConsumerReadyAsync(string queue) =>
        Eventually.True(async () => (await QueueAsync(queue))?.Consumers > 0, what: $"a consumer on {queue}");
}
