using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RedProperty.BuildingBlocks.Security;
using RedProperty.BuildingBlocks.Topology;

namespace RedProperty.BuildingBlocks.Messaging;

public sealed record MovedBack(string Queue, int Moved);

/// <summary>
/// Moves the messages parked in <c>{queue}_error</c> back to <c>{queue}</c> once the cause is fixed:
/// each is re-sent with its MessageId (so the inbox still recognises one that did get applied) and
/// with its fault and redelivery headers cleared (so it gets its full retries again), and taken off
/// the error queue only after the broker confirmed the copy.
/// </summary>
public static class ErrorQueues
{
    public const int MaxPerCall = 10_000;

    /// <summary><c>POST {prefix}/error-queues/{queue}/move-back</c>, for this service's own queues.</summary>
    public static IEndpointRouteBuilder MapErrorQueueOperations(this IEndpointRouteBuilder app, string prefix, string serviceName)
    {
        app.MapPost($"{prefix}/error-queues/{{queue}}/move-back", async Task<Results<Ok<MovedBack>, NotFound, ProblemHttpResult>> (
                string queue, int? limit, IConfiguration configuration, CancellationToken cancellationToken) =>
            {
                if (!queue.StartsWith($"{serviceName}-", StringComparison.Ordinal) || queue.EndsWith("_error", StringComparison.Ordinal))
                {
                    return TypedResults.NotFound();
                }

                if (limit is < 1 or > MaxPerCall)
                {
                    throw new InvalidFieldException("limit", $"Between 1 and {MaxPerCall}.");
                }

                return await MoveBackAsync(Broker.UriFrom(configuration), queue, limit ?? MaxPerCall, cancellationToken) is { } moved
                    ? TypedResults.Ok(new MovedBack(queue, moved))
                    : TypedResults.NotFound();
            })
            .WithTags("Operations")
            .ForRoles()
            .AuditsChanges("error-queue move-back")
            .WithName($"MoveBackErrors-{serviceName}")
            .WithSummary("Move the messages parked in {queue}_error back to {queue}, with their retries reset");
        return app;
    }

    /// <returns>How many were moved, or null when there is no such error queue.</returns>
    public static async Task<int?> MoveBackAsync(Uri broker, string queue, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await Broker.ConnectAsync(broker, "redproperty-error-queues", cancellationToken);
        await using var channel = await Broker.OpenConfirmingChannelAsync(connection, cancellationToken);
        // Both must exist: a message published to the endpoint exchange of a deleted queue would be
        // parked, not returned, and so taken off the error queue for nothing.
        if (!await Broker.QueueExistsAsync(connection, queue, cancellationToken)
            || !await Broker.QueueExistsAsync(connection, $"{queue}_error", cancellationToken))
        {
            return null;
        }

        var waiting = await channel.MessageCountAsync($"{queue}_error", cancellationToken);

        // Only what was parked when the call began: one that fails again at once is not moved twice.
        var moved = 0;
        while (moved < Math.Min(limit, waiting) && await channel.BasicGetAsync($"{queue}_error", autoAck: false, cancellationToken) is { } parked)
        {
            var properties = new BasicProperties(parked.BasicProperties);
            if (properties.Headers is { } headers)
            {
                foreach (var key in headers.Keys.Where(k => k.StartsWith("MT-Fault-", StringComparison.Ordinal)
                                                            || k.StartsWith("MT-Reason", StringComparison.Ordinal)
                                                            || k == "MT-Host-MachineName"
                                                            || k == RedeliveryHeader
                                                            || k == OutageRedeliveryHeader).ToList())
                {
                    headers.Remove(key);
                }
            }

            // The queue's own endpoint exchange (bound to it by MassTransit), which the service may write to.
            await channel.BasicPublishAsync(queue, "", mandatory: true, properties, parked.Body, cancellationToken);
            await channel.BasicAckAsync(parked.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return moved;
    }

    public const string RedeliveryHeader = "RedProperty-Redelivery";
    public const string OutageRedeliveryHeader = "RedProperty-Outage-Redelivery";

    /// <summary><c>POST {prefix}/unrouted/republish</c>: retry what was parked for want of a queue.</summary>
    public static IEndpointRouteBuilder MapUnroutedOperations(this IEndpointRouteBuilder app, string prefix, string serviceName)
    {
        app.MapPost($"{prefix}/unrouted/republish", async (IConfiguration configuration, CancellationToken cancellationToken) =>
            {
                return TypedResults.Ok(new MovedBack(
                    UnroutedParking.Queue, await RepublishUnroutedAsync(Broker.UriFrom(configuration), serviceName, cancellationToken)));
            })
            .WithTags("Operations")
            .ForRoles()
            .AuditsChanges("unrouted republish")
            .WithName("RepublishUnrouted")
            .WithSummary("Publish the messages parked in redproperty.unrouted again to the exchanges they were meant for (those still unbound park again)");
        return app;
    }

    /// <summary>
    /// Publishes each message parked in <c>redproperty.unrouted</c> again to the exchange it was
    /// published to (the MassTransit envelope's <c>destinationAddress</c>); one that still finds no
    /// queue is parked again; a public CloudEvent goes back to the public feed under its type. Only the messages
    /// parked when the call began are taken, and only <paramref name="serviceName"/>'s own (a service may publish only its own).
    /// </summary>
    public static async Task<int> RepublishUnroutedAsync(Uri broker, string serviceName, CancellationToken cancellationToken)
    {
        await using var connection = await Broker.ConnectAsync(broker, "redproperty-unrouted", cancellationToken);
        await using var channel = await Broker.OpenConfirmingChannelAsync(connection, cancellationToken);
        var parked = await channel.MessageCountAsync(UnroutedParking.Queue, cancellationToken);
        var taken = 0;
        var republished = 0;
        var held = new List<ulong>();
        while (taken++ < parked && await channel.BasicGetAsync(UnroutedParking.Queue, autoAck: false, cancellationToken) is { } message)
        {
            if (ExchangeOf(message, serviceName) is not { } exchange)
            {
                // Another service's, or not an envelope at all: it stays parked (released below).
                held.Add(message.DeliveryTag);
                continue;
            }

            await channel.BasicPublishAsync(exchange, message.RoutingKey, mandatory: false, new BasicProperties(message.BasicProperties), message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            republished++;
        }

        foreach (var tag in held)
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true, cancellationToken);
        }

        return republished;
    }

    // A contract goes back to the exchange in its envelope; a public CloudEvent (no envelope, its type the
    // routing key) to the public feed. Either only when it is this service's own.
    private static string? ExchangeOf(BasicGetResult message, string serviceName) =>
        DestinationExchange(message.Body) is { } exchange
            ? exchange.StartsWith($"redproperty.{serviceName}.", StringComparison.Ordinal) ? exchange : null
            : message.RoutingKey.StartsWith($"{Contracts.PublicEvents.TypePrefix}redproperty.{serviceName}.", StringComparison.Ordinal)
                ? Contracts.PublicEvents.Exchange
                : null;

    private static string? DestinationExchange(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = System.Text.Json.JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("destinationAddress", out var address)
                   && Uri.TryCreate(address.GetString(), UriKind.Absolute, out var uri)
                ? uri.AbsolutePath.Split('/')[^1]
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
