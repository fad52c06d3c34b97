using System.Diagnostics;
using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Http;
using RedProperty.BuildingBlocks.Messaging;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Hosting;

public static class EventStoreExtensions
{
    /// <summary>Name of the Aspire connection string every service's event store uses.</summary>
    public const string ConnectionName = "redproperty";

    /// <summary>
    /// Marten as this service's event store in its own schema (configuration
    /// <c>EventStore:Schema</c> overrides the default, which tests use for isolation),
    /// with the async daemon running projections and the outgoing subscription.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, string defaultSchema, Action<StoreOptions> configure)
    {
        var schema = builder.Configuration["EventStore:Schema"] ?? defaultSchema;
        var daemonMode = builder.Configuration.GetValue("EventStore:DaemonMode", DaemonMode.HotCold);

        var application = $"{builder.Environment.ApplicationName}:{Environment.ProcessId}";
        builder.AddNpgsqlDataSource(ConnectionName, configureDataSourceBuilder: b =>
        {
            // A forgotten open transaction would stall the daemon's high-water mark (Marten pitfall).
            b.ConnectionStringBuilder.Options = "-c idle_in_transaction_session_timeout=60000";
            // Which instance each connection is (pg_stat_activity, pg_locks): e.g. who leads the daemon.
            b.ConnectionStringBuilder.ApplicationName ??= application;
        });

        builder.Services.AddHealthChecks().AddCheck<EventStoreDaemonHealthCheck>("event-store-daemon", tags: ["ready"]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<PipelineMetrics>();
        builder.Services.AddSingleton<Inbox>();
        builder.Services.AddSingleton<Security.IAuditTrail, Security.MartenAuditTrail>();
        builder.Services.AddHostedService<PipelineMonitor>();
        builder.Services.AddHostedService<RetentionService>();

        return builder.Services
            .AddMarten(options =>
            {
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                // Services share one database; each needs its own daemon lock or they would
                // fight over leadership of each other's projections.
                options.Projections.DaemonLockId = StableLockId(schema);
                // Instances starting together take turns applying their schema's changes (not every
                // service's at once: the lock is per schema), and wait out a cold first migration on
                // a slow machine instead of failing the start.
                options.ApplyChangesLockId = StableLockId($"{schema}/apply-changes");
                options.ApplyChangesLockTimeout = builder.Configuration.GetValue("EventStore:ApplyChangesLockTimeout", TimeSpan.FromMinutes(3));
                // How soon the daemon sees new events: this bounds the outbox's share of the end-to-end
                // latency. The polls are cheap and kept out of the traces.
                options.Projections.FastPollingTime = builder.Configuration.GetValue("EventStore:FastPolling", TimeSpan.FromMilliseconds(100));
                options.Projections.SlowPollingTime = builder.Configuration.GetValue("EventStore:SlowPolling", TimeSpan.FromMilliseconds(250));
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // Indexed by age: the retention job finds what expired without reading the whole table.
                options.Schema.For<InboxRecord>().DatabaseSchemaName(schema).Index(r => r.ProcessedAt);
                options.Schema.For<IdempotencyRecord>().DatabaseSchemaName(schema).Index(r => r.ReceivedAt);
                options.Schema.For<PersonalDataKey>().DatabaseSchemaName(schema);
                // The table keeps the name it had when the trail held personal-data reads only, so those entries stay in it.
                options.Schema.For<Security.AuditRecord>().DocumentAlias("personaldataread").DatabaseSchemaName(schema).Index(r => r.At);
                configure(options);
            })
            .UseNpgsqlDataSource()
            .BuildSessionsWith<TracedSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(daemonMode);
    }

    private static int StableLockId(string schema)
    {
        // string.GetHashCode is randomised per process; the lock id must agree across processes.
        var hash = 17;
        foreach (var c in schema)
        {
            hash = unchecked((hash * 31) + c);
        }

        return 100_000 + (Math.Abs(hash % 1_000_000));
    }
}

/// <summary>
/// Opens lightweight sessions that stamp the current trace into every appended event, so the
/// outgoing subscription can continue the caller's trace when it publishes later.
/// A request with an <c>Idempotency-Key</c> gets a session inside the request's one transaction.
/// </summary>
public sealed class TracedSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = http.HttpContext?.Features.Get<IdempotentTransaction>() is { } transaction
            ? store.LightweightSession(SessionOptions.ForTransaction(transaction.Transaction, shouldAutoCommit: false))
            : store.LightweightSession();
        if (Activity.Current is { } activity)
        {
            session.CorrelationId = activity.TraceId.ToString();
            session.SetHeader(EventHeaders.TraceParent, activity.Id!);
        }

        return session;
    }
}
