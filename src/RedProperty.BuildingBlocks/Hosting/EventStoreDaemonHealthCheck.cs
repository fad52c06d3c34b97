using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RedProperty.BuildingBlocks.Messaging;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Hosting;

/// <summary>
/// The event store as this service's role needs it. A service with asynchronous projections or a
/// forwarder is unhealthy when the daemon's high-water mark stalls far behind the event log (Marten's
/// own status can look fine while its high-water agent is dead), or when the oldest event the forwarder has not
/// published is older than <c>Messaging:ForwarderStallAfter</c> (default 2 minutes). Degraded, not
/// unhealthy, when a projection lags or the forwarder is behind by more than
/// <c>Messaging:ForwarderLagWarning</c> (default 5 s) or failing to publish: during a short broker
/// outage commands must still be served. Comparing with the high-water mark, not the last sequence, ignores the gaps
/// that rolled-back appends leave. A service with neither (the Overview: its log is written inline)
/// runs no high-water agent, so its mark stays 0 for ever: judging it would fail every store past
/// 1,000 events, so only the store's answering is checked there.
/// </summary>
public sealed class EventStoreDaemonHealthCheck(IDocumentStore store, TimeProvider time, IConfiguration configuration, PipelineMetrics metrics, IServiceProvider services)
    : IHealthCheck
{
    private const long AllowedLag = 1_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var progress = await PipelineProgress.ReadAsync(store, time, services.GetService(typeof(IntegrationEventMap)) is not null, cancellationToken);
        var stallAfter = configuration.GetValue("Messaging:ForwarderStallAfter", TimeSpan.FromMinutes(2));
        var warnAfter = configuration.GetValue("Messaging:ForwarderLagWarning", TimeSpan.FromSeconds(5));
        var data = new Dictionary<string, object>
        {
            ["eventSequence"] = progress.EventSequence,
            ["highWaterMark"] = progress.HighWaterMark,
            ["forwarderLagEvents"] = progress.ForwarderLag,
            ["oldestUnforwardedSeconds"] = Math.Round(progress.OldestUnforwardedAge.TotalSeconds, 1),
        };

        if (!RunsDaemonAgents(store))
        {
            return HealthCheckResult.Healthy(
                $"{progress.EventSequence} events; no asynchronous projection or forwarder, so no high-water mark to keep", data);
        }

        if (progress.EventSequence - progress.HighWaterMark > AllowedLag)
        {
            return HealthCheckResult.Unhealthy(
                $"high-water mark {progress.HighWaterMark} is stalled behind the event log ({progress.EventSequence})", data: data);
        }

        if (progress.ForwarderLag > 0 && progress.OldestUnforwardedAge > stallAfter)
        {
            return HealthCheckResult.Unhealthy(
                $"forwarder stalled: the oldest unpublished event is {progress.OldestUnforwardedAge.TotalSeconds:F0} s old ({progress.ForwarderLag} events behind)",
                data: data);
        }

        if (progress.ForwarderLag > 0 && (progress.OldestUnforwardedAge > warnAfter || metrics.FailingSince is not null))
        {
            var failing = metrics.FailingSince is { } since ? $"; publishing fails since {since:O}" : "";
            return HealthCheckResult.Degraded(
                $"forwarder behind: the oldest unpublished event is {progress.OldestUnforwardedAge.TotalSeconds:F0} s old ({progress.ForwarderLag} events behind){failing}",
                data: data);
        }

        var lagging = progress.Shards
            .Where(s => progress.HighWaterMark - s.Value > AllowedLag)
            .Select(s => $"{s.Key} at {s.Value}")
            .ToList();
        return lagging.Count == 0
            ? HealthCheckResult.Healthy($"high-water mark {progress.HighWaterMark}", data)
            : HealthCheckResult.Degraded($"behind the high-water mark {progress.HighWaterMark}: {string.Join(", ", lagging)}", data: data);
    }

    /// <summary>Whether the daemon has shards here (async projections or subscriptions), and so a high-water agent.</summary>
    public static bool RunsDaemonAgents(IDocumentStore store) =>
        store is not DocumentStore { Options: var options } || options.Projections.HasAnyAsyncProjections();
}
