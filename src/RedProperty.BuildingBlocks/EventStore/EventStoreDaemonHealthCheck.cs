using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// Unhealthy when the daemon's high-water mark or a projection/subscription shard falls far behind
/// the event log: Marten's own status can look fine while its high-water agent is dead.
/// </summary>
public sealed class EventStoreDaemonHealthCheck(IDocumentStore store) : IHealthCheck
{
    private const long AllowedLag = 1_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var lagging = progress
            .Where(p => statistics.EventSequenceNumber - p.Sequence > AllowedLag)
            .Select(p => $"{p.ShardName} at {p.Sequence}")
            .ToList();
        var data = new Dictionary<string, object> { ["eventSequence"] = statistics.EventSequenceNumber };
        return lagging.Count == 0
            ? HealthCheckResult.Healthy($"event log at {statistics.EventSequenceNumber}", data)
            : HealthCheckResult.Unhealthy($"behind the event log ({statistics.EventSequenceNumber}): {string.Join(", ", lagging)}", data: data);
    }
}
