using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RedProperty.BuildingBlocks;

public static class MessagingExtensions
{
    /// <summary>Name of the Aspire connection string of the RabbitMQ broker (an amqp:// URI).</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// MassTransit on RabbitMQ. Queues are named <c>{service}-{consumer}</c>; a message whose
    /// consumer keeps failing is retried, then moved to <c>{queue}_error</c> where operators can
    /// see and replay it. The service starts even while the broker is down and connects later.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' (amqp://user:password@host:port/vhost) is missing.");
        var broker = new Uri(connectionString);
        var retryLimit = builder.Configuration.GetValue("Messaging:RetryLimit", 5);

        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            consumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                endpoint.UseMessageRetry(r => r.Exponential(
                    retryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200))));
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
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

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
