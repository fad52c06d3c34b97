using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RedProperty.BuildingBlocks.Messaging;

public static class MessagingExtensions
{
    /// <summary>Name of the Aspire connection string of the RabbitMQ broker (an amqp:// URI).</summary>
    public const string ConnectionName = "messaging";

    /// <summary>Configuration switch of the topology step: declare queues, exchanges and bindings, then exit.</summary>
    public const string DeployTopologyOnlyKey = "Messaging:DeployTopologyOnly";

    /// <summary>
    /// MassTransit on RabbitMQ. Queues are named <c>{service}-{consumer}</c>. A failing message is
    /// retried at once (<c>Messaging:RetryLimit</c>, default 5), then redelivered after
    /// <c>Messaging:RedeliveryDelay</c> (default 5 minutes) up to <c>Messaging:RedeliveryRounds</c>
    /// times (default 3), then moved to <c>{queue}_error</c> where operators can see and move it back.
    /// A message that failed because the database was out of reach waits <c>Messaging:OutageRedeliveryDelay</c>
    /// (default 10 s) instead, up to <c>Messaging:OutageRedeliveryRounds</c> times (default 60).
    /// Prefetch (<c>Messaging:PrefetchCount</c>, default 32) and concurrency
    /// (<c>Messaging:ConcurrentMessageLimit</c>, default 16) are explicit. The service starts even
    /// while the broker is down, connects later, and reports the bus as Degraded meanwhile.
    /// </summary>
    /// <param name="replaysFrom">The services whose contracts this one consumes: each of its queues binds to
    /// their replay exchanges under its own name, so a replay can be addressed to it.</param>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null,
        IReadOnlyList<string>? replaysFrom = null)
    {
        var configuration = builder.Configuration;
        var broker = Broker.UriFrom(configuration);
        var retryLimit = configuration.GetValue("Messaging:RetryLimit", 5);
        var redelivery = Redelivery(configuration);

        builder.Services.AddSingleton(redelivery);
        // Messaging:QueueType=quorum on a cluster (a queue's type is fixed when it is first declared).
        var quorum = string.Equals(configuration["Messaging:QueueType"], "quorum", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSingleton(_ => new DelayQueues(broker, quorum)); // a factory, so the container disposes it
        builder.Services.AddSingleton(_ => new CloudEventsPublisher(broker, serviceName, configuration));
        builder.Services.AddSingleton<BusConnectionRecycler>();
        builder.Services.AddScoped(typeof(DelayedRedeliveryFilter<>));
        builder.Services.AddReceiveObserver<SkippedMessages>();
        builder.Services.AddHostedService<BrokerUpgradeService>(); // before the bus: it starts first
        // A stop never waits on the broker for ever: a receive endpoint still reconnecting after an outage
        // had held a service's shutdown indefinitely. Within the host's own 30 s.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
            o.StopTimeout = configuration.GetValue("Messaging:StopTimeout", TimeSpan.FromSeconds(20)));
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // A broker outage must not take the HTTP API out of the load balancer: commands still work.
            bus.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "masstransit-bus";
                o.MinimalFailureStatus = HealthStatus.Degraded;
                o.Tags.Add("ready");
            });
            consumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    if (quorum)
                    {
                        // Replicated on the cluster's nodes: a node lost loses no message.
                        rabbitEndpoint.SetQuorumQueue();
                    }

                    foreach (var publisher in replaysFrom ?? [])
                    {
                        rabbitEndpoint.Bind(ReplayExchange.Of(publisher), binding =>
                        {
                            binding.ExchangeType = RabbitMQ.Client.ExchangeType.Direct;
                            binding.RoutingKey = queue;
                        });
                    }
                }

                // The retry filter wraps the consume pipe whatever the order; the delayed-redelivery
                // filter lets failures through to it until the last immediate retry (see there).
                endpoint.UseConsumeFilter(typeof(DelayedRedeliveryFilter<>), context);
                endpoint.UseMessageRetry(r => r.Exponential(
                    retryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var virtualHost = broker.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
                rabbit.Host(broker.Host, (ushort)(broker.IsDefaultPort ? 5672 : broker.Port), virtualHost, host =>
                {
                    var userInfo = broker.UserInfo.Split(':', 2);
                    if (userInfo[0].Length > 0)
                    {
                        host.Username(Uri.UnescapeDataString(userInfo[0]));
                        host.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "");
                    }

                    // The forwarder relies on this: a publish completes only once the broker has the message.
                    host.PublisherConfirmation = true;
                    // A node that is gone is noticed in seconds, not minutes, and the next one tried soon.
                    host.Heartbeat(Broker.Heartbeat);
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    host.ContinuationTimeout(TimeSpan.FromSeconds(10));
                    if (Broker.NodesOf(broker) is { Count: > 1 } nodes)
                    {
                        host.UseCluster(cluster =>
                        {
                            foreach (var node in nodes)
                            {
                                cluster.Node($"{node.HostName}:{node.Port}");
                            }
                        });
                    }
                });
                rabbit.PrefetchCount = configuration.GetValue("Messaging:PrefetchCount", 32);
                rabbit.ConcurrentMessageLimit = configuration.GetValue("Messaging:ConcurrentMessageLimit", 16);
                rabbit.DeployTopologyOnly = configuration.GetValue(DeployTopologyOnlyKey, false);
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// Runs the service, or the rebuild step (<see cref="EventStore.ProjectionRebuild"/>), or, in the topology step (<c>Messaging:DeployTopologyOnly=true</c>), declares
    /// its queues, exchanges and bindings on the broker and exits, so that nothing published before
    /// the service first starts is lost. The AppHost runs this step before any service publishes.
    /// </summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        if (EventStore.ProjectionRebuild.Requested(app.Configuration) is { } rebuild)
        {
            await EventStore.ProjectionRebuild.RunAsync(app.Services, rebuild, app.Logger, CancellationToken.None);
            return;
        }

        if (!app.Configuration.GetValue(DeployTopologyOnlyKey, false))
        {
            await app.RunAsync();
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await BrokerUpgradeService.RunAsync(app.Services, timeout.Token);
        await app.Services.GetRequiredService<IBusControl>().DeployAsync(timeout.Token);
        app.Logger.LogInformation("Broker topology of {Application} deployed", app.Environment.ApplicationName);
    }

    /// <summary>The longest a message can take from its first failure to its last redelivery, and an hour more.</summary>
    public static TimeSpan RedeliveryWindow(IConfiguration configuration) => Redelivery(configuration).Window + TimeSpan.FromHours(1);

    private static RedeliverySettings Redelivery(IConfiguration configuration) => new(
        configuration.GetValue("Messaging:RedeliveryDelay", TimeSpan.FromMinutes(5)),
        configuration.GetValue("Messaging:RedeliveryRounds", 3),
        configuration.GetValue("Messaging:RetryLimit", 5),
        configuration.GetValue("Messaging:OutageRedeliveryDelay", TimeSpan.FromSeconds(10)),
        configuration.GetValue("Messaging:OutageRedeliveryRounds", 60));

    /// <summary>
    /// Publishes the events <paramref name="map"/> selects, through the <see cref="IntegrationEventForwarder"/>
    /// subscription of this service's event store.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression PublishIntegrationEvents(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, Action<IntegrationEventMap> map)
    {
        var events = new IntegrationEventMap();
        map(events);
        marten.Services.AddSingleton(events);
        return marten.AddSubscriptionWithServices<IntegrationEventForwarder>(ServiceLifetime.Singleton, options =>
        {
            options.Name = IntegrationEventForwarder.SubscriptionName;
            foreach (var type in events.DomainEventTypes)
            {
                options.IncludeType(type);
            }
        });
    }
}
