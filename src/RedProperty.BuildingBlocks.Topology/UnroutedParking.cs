using System.Net.Http.Json;

namespace RedProperty.BuildingBlocks.Topology;

/// <summary>
/// RabbitMQ drops a publish that no queue is bound to, and the forwarder would then move on. A broker
/// policy gives the contract exchanges and the subscribers' endpoint exchanges (not the broker's own
/// <c>amq.*</c>, MassTransit's fault and bus exchanges, error/skipped/delay exchanges, the replay
/// exchanges, where an unbound name must be refused, or the parking exchange itself) the alternate
/// exchange <c>redproperty.unrouted</c>, whose durable queue parks what nobody was bound to receive —
/// at a contract's exchange, or at a subscriber's endpoint exchange whose queue was deleted. Visible in the management UI, and published again on request. A policy,
/// not an exchange argument, so it applies whoever declared the exchange first, outside consumers
/// included. Applied through the management API by the AppHost before any service starts, and by
/// the tests for each virtual host.
/// </summary>
public static class UnroutedParking
{
    public const string Exchange = "redproperty.unrouted";
    public const string Queue = "redproperty.unrouted";
    public const string Policy = "redproperty-unrouted";

    /// <summary>Declares the parking exchange and queue and sets the policy on <paramref name="virtualHost"/>; idempotent.</summary>
    public static async Task ApplyAsync(HttpClient management, string virtualHost, CancellationToken cancellationToken)
    {
        var vhost = Uri.EscapeDataString(virtualHost);
        await Ok(management.PutAsJsonAsync($"api/exchanges/{vhost}/{Exchange}",
            new { type = "fanout", durable = true, auto_delete = false }, cancellationToken));
        await Ok(management.PutAsJsonAsync($"api/queues/{vhost}/{Queue}", new { durable = true, auto_delete = false }, cancellationToken));
        await Ok(management.PostAsJsonAsync($"api/bindings/{vhost}/e/{Exchange}/q/{Queue}", new { routing_key = "" }, cancellationToken));
        await Ok(management.PutAsJsonAsync($"api/policies/{vhost}/{Policy}", new Dictionary<string, object>
        {
            // Not the broker's own, MassTransit's fault or bus exchanges, error/skipped/delay exchanges
            // (nothing could publish those again), the replay exchanges or the parking exchange itself.
            ["pattern"] = @"^(?!amq\.|MassTransit:|redproperty\.unrouted$|redproperty\.[^.]+\.replay$|.*_(error|skipped)$|.*_delay_\d+s$|.*_bus_).+",
            ["definition"] = new Dictionary<string, object> { ["alternate-exchange"] = Exchange },
            ["apply-to"] = "exchanges",
            // Above the default of 0, so a general policy an operator adds does not silently replace it.
            ["priority"] = 10,
        }, cancellationToken));
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"RabbitMQ management API: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }
    }
}
