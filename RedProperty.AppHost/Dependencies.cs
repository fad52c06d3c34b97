using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace RedProperty.AppHost;

/// <summary>
/// PostgreSQL ("redproperty") and RabbitMQ ("messaging") as the services see them, and what they must
/// wait for. With <see cref="Accounts"/>, each service connects with credentials of its own, made by
/// <see cref="ConnectionsFor"/>; without, with the ones given.
/// </summary>
public sealed record Dependencies(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IReadOnlyList<IResourceBuilder<IResource>> WaitFor,
    ServiceAccounts? Accounts = null,
    Func<ServiceAccounts.Account, (ReferenceExpression Database, ReferenceExpression Messaging)>? ConnectionsFor = null);

public static class DependenciesExtensions
{
    /// <summary>
    /// <c>Deps</c> = <c>containers</c> | <c>local</c> | <c>external</c>. Unset: containers when a
    /// container runtime answers (and always when publishing), otherwise the machine's own
    /// PostgreSQL and RabbitMQ launched by the AppHost, their data kept in <c>.data/</c>.
    /// </summary>
    public static Dependencies AddDependencies(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration["Deps"] is { Length: > 0 } configured
            ? configured.ToLowerInvariant()
            : builder.ExecutionContext.IsPublishMode || ContainerRuntimeAnswers() ? "containers" : "local";

        return mode switch
        {
            "containers" => AddContainers(builder),
            "local" => AddLocal(builder),
            "external" => new Dependencies(
                builder.AddConnectionString("redproperty"), builder.AddConnectionString("messaging"), []),
            _ => throw new InvalidOperationException($"Deps must be containers, local or external, not '{mode}'."),
        };
    }

    public static IResourceBuilder<ProjectResource> WithDependencies(this IResourceBuilder<ProjectResource> project, Dependencies deps, string service)
    {
        if (deps is { Accounts: { } accounts, ConnectionsFor: { } connectionsFor })
        {
            var (database, messaging) = connectionsFor(accounts.For(project.ApplicationBuilder, service));
            project.WithEnvironment("ConnectionStrings__redproperty", database)
                .WithEnvironment("ConnectionStrings__messaging", messaging)
                .WithReferenceRelationship(deps.Database.Resource)
                .WithReferenceRelationship(deps.Messaging.Resource);
        }
        else
        {
            project.WithReference(deps.Database).WithReference(deps.Messaging);
        }

        foreach (var resource in deps.WaitFor)
        {
            project.WaitFor(resource);
        }

        return project;
    }

    /// <summary>
    /// Runs <typeparamref name="TProject"/> once with <c>Messaging:DeployTopologyOnly=true</c>: it
    /// declares its queues, exchanges and bindings on the broker and exits. Publishers wait for it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddTopologyStep<TProject>(
        this IDistributedApplicationBuilder builder, string service, Dependencies deps) where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>($"{service}-topology", launchProfileName: null)
            .WithPlainHttp()
            .WithDependencies(deps, service)
            .WithEnvironment("Messaging__DeployTopologyOnly", "true")
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
            .ExcludeFromManifest();

    /// <summary>
    /// With <c>Rebuild=all</c>, or the service's name among <c>Rebuild</c>'s (comma-separated), the service first runs
    /// once as its rebuild step (<c>EventStore:Rebuild=all</c>): its read models replayed from its events, the
    /// progress and the rate in that step's console log. The service starts once the step has finished.
    /// </summary>
    public static IResourceBuilder<ProjectResource> RebuiltFirst<TProject>(this IResourceBuilder<ProjectResource> service, Dependencies deps)
        where TProject : IProjectMetadata, new()
    {
        var builder = service.ApplicationBuilder;
        var name = service.Resource.Name;
        var asked = builder.Configuration["Rebuild"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!asked.Contains("all") && !asked.Contains(name))
        {
            return service;
        }

        var step = builder.AddProject<TProject>($"{name}-rebuild", launchProfileName: null)
            .WithPlainHttp()
            .WithDependencies(deps, name)
            .WithEnvironment("EventStore__Rebuild", "all")
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
            .ExcludeFromManifest();
        return service.WaitForCompletion(step);
    }

    /// <summary>
    /// A service, run in the AppHost's own environment: its launch profile says Development, which must
    /// not win, or a Production AppHost would run Development services (development accounts, keys, pages).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithPlainHttp()
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName);

    /// <summary>
    /// <c>Replicas</c> (default 1) instances of the service behind the orchestrator's proxy, which
    /// spreads requests over them; they compete on their queues and elect one forwarder.
    /// </summary>
    public static IResourceBuilder<ProjectResource> ScaledOut(this IResourceBuilder<ProjectResource> project)
    {
        var replicas = project.ApplicationBuilder.Configuration.GetValue("Replicas", 1);
        return replicas > 1 ? project.WithReplicas(replicas) : project;
    }

    /// <summary>
    /// Validates bearer tokens from the identity service (an outside provider: set Auth__Authority instead).
    /// Under the AppHost every hop is plain HTTP on one machine (TLS ends in front of the gateway), so the
    /// authority's metadata is read over HTTP in every environment.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignIn(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> identity) =>
        project.WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
            .WithEnvironment("Auth__RequireHttpsMetadata", "false")
            .WaitFor(identity);

    /// <summary>
    /// Services speak plain HTTP behind the gateway here; without this, Aspire offers them the
    /// development certificate and, on a machine that does not trust one, shows operators a red
    /// "No trusted development certificate" banner on every dashboard page.
    /// </summary>
#pragma warning disable ASPIRECERTIFICATES001 // evaluation API in Aspire 13.6; the only way to opt out per resource
    public static IResourceBuilder<ProjectResource> WithPlainHttp(this IResourceBuilder<ProjectResource> project) =>
        project.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001

    private static Dependencies AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var database = postgres.AddDatabase("redproperty");
        var rabbitmq = builder.AddRabbitMQ("messaging").WithManagementPlugin().WithDataVolume().WithHealthCheck("rabbitmq-parking");
        var parked = false;
        builder.Services.AddHealthChecks().AddAsyncCheck("rabbitmq-parking", async ct =>
        {
            if (parked)
            {
                return HealthCheckResult.Healthy();
            }

            var user = await rabbitmq.Resource.UserNameReference.GetValueAsync(ct);
            var password = await rabbitmq.Resource.PasswordParameter.GetValueAsync(ct);
            var management = rabbitmq.GetEndpoint("management");
            var result = await Probe(() => ApplyParking(new Uri(management.Url), user!, password!, ct));
            parked = result.Status == HealthStatus.Healthy;
            return result;
        });
        return new Dependencies(database, rabbitmq, [database, rabbitmq]);
    }

    private static Dependencies AddLocal(IDistributedApplicationBuilder builder)
    {
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var data = builder.Configuration["Local:DataDirectory"] is { Length: > 0 } dir ? Path.GetFullPath(dir) : DefaultDataDirectory(root);
        var postgresPort = builder.Configuration.GetValue("Local:PostgresPort", 25432);
        // Not 25672: that is the Erlang distribution port of a distribution-installed broker.
        var amqpPort = builder.Configuration.GetValue("Local:RabbitMqPort", 25680);
        var managementPort = builder.Configuration.GetValue("Local:RabbitMqManagementPort", amqpPort + 1);

        // Development defaults, clearly named; override with Parameters:db-password / broker-password
        // (the administrators) and Parameters:{service}-db-password / {service}-broker-password.
        var dbPassword = builder.AddSecret("db-password");
        var brokerPassword = builder.AddSecret("broker-password");
        var accounts = new ServiceAccounts();
        var port = postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var amqp = amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var postgres = builder.AddExecutable("postgres", "bash", root,
                "deploy/local/postgres.sh", "run", Path.Combine(data, "postgres"), postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("REDPROPERTY_DB_PASSWORD", dbPassword)
            .WithHealthCheck("postgres-ready");
        var database = builder.AddConnectionString("redproperty", ReferenceExpression.Create(
            $"Host=127.0.0.1;Port={postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture)};Database=redproperty;Username=postgres;Password={dbPassword}"));

        var rabbitmq = builder.AddExecutable("rabbitmq", "bash", root,
                "deploy/local/rabbitmq.sh", "run", Path.Combine(data, "rabbitmq"),
                amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("REDPROPERTY_BROKER_PASSWORD", brokerPassword)
            .WithUrl(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{managementPort}"), "RabbitMQ management")
            .WithHealthCheck("rabbitmq-ready");
        var messaging = builder.AddConnectionString("messaging", ReferenceExpression.Create(
            $"amqp://redproperty:{brokerPassword}@127.0.0.1:{amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}/"));

        var parked = false;
        var provisioned = false;
        builder.Services.AddHealthChecks()
            .AddAsyncCheck("postgres-ready", async ct =>
            {
                var connectionString = await database.Resource.ConnectionStringExpression.GetValueAsync(ct);
                return await Probe(async () =>
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(ct);
                    // Ready only once every service has its own role and schema.
                    if (!provisioned)
                    {
                        await accounts.ProvisionDatabaseAsync(connectionString!, ct);
                        provisioned = true;
                    }
                });
            })
            .AddAsyncCheck("rabbitmq-ready", async ct =>
            {
                var uri = await messaging.Resource.ConnectionStringExpression.GetValueAsync(ct);
                return await Probe(async () =>
                {
                    await using var connection = await new ConnectionFactory { Uri = new Uri(uri!) }.CreateConnectionAsync(ct);
                    // Ready only once unroutable publishes are parked: no service starts before that.
                    if (parked)
                    {
                        return;
                    }

                    using var management = Management(
                        new Uri($"http://127.0.0.1:{managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}/"),
                        "redproperty", (await brokerPassword.Resource.GetValueAsync(ct))!);
                    await RedProperty.BuildingBlocks.Topology.UnroutedParking.ApplyAsync(management, "/", ct);
                    await accounts.ProvisionBrokerAsync(management, "/", ct);
                    parked = true;
                });
            });

        return new Dependencies(database, messaging, [postgres, rabbitmq], accounts, account => (
            ReferenceExpression.Create($"Host=127.0.0.1;Port={port};Database=redproperty;Username={account.Service};Password={account.DatabasePassword}"),
            ReferenceExpression.Create($"amqp://{account.Service}:{account.BrokerPassword}@127.0.0.1:{amqp}/")));
    }

    /// <summary>
    /// <c>.data/</c> in the clone, unless the postgres user cannot reach it (a clone under /root):
    /// then /var/lib/redproperty.
    /// </summary>
    private static string DefaultDataDirectory(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(root, ".data");
        }

        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return "/var/lib/redproperty";
            }
        }

        return Path.Combine(root, ".data");
    }

    private static async Task ApplyParking(Uri management, string user, string password, CancellationToken cancellationToken)
    {
        using var http = Management(management, user, password);
        await RedProperty.BuildingBlocks.Topology.UnroutedParking.ApplyAsync(http, "/", cancellationToken);
    }

    private static HttpClient Management(Uri management, string user, string password)
    {
        var http = new HttpClient { BaseAddress = management };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    private static async Task<HealthCheckResult> Probe(Func<Task> connect)
    {
        try
        {
            await connect();
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    private static bool ContainerRuntimeAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null)
            {
                return false;
            }

            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill();
                return false;
            }

            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
