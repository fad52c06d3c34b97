using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// Unhealthy when the daemon's high-water mark stalls far behind the event log (Marten's own status
/// can look fine while its high-water agent is dead). Degraded, not unhealthy, when a projection or
/// the outgoing subscription lags the high-water mark: during a broker outage commands must still
/// be served. Comparing with the high-water mark, not the last sequence, ignores the gaps that
/// rolled-back appends leave.
/// </summary>
public sealed class EventStoreDaemonHealthCheck(IDocumentStore store) : IHealthCheck
{
    private const string HighWaterMark = "HighWaterMark";
    private const long AllowedLag = 1_000;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var highWater = progress.FirstOrDefault(p => p.ShardName == HighWaterMark)?.Sequence ?? 0;
        var data = new Dictionary<string, object> { ["eventSequence"] = statistics.EventSequenceNumber, ["highWaterMark"] = highWater };

        if (statistics.EventSequenceNumber - highWater > AllowedLag)
        {
            return HealthCheckResult.Unhealthy($"high-water mark {highWater} is stalled behind the event log ({statistics.EventSequenceNumber})", data: data);
        }

        var lagging = progress
            .Where(p => !p.ShardName.StartsWith("HighWater", StringComparison.Ordinal) && highWater - p.Sequence > AllowedLag)
            .Select(p => $"{p.ShardName} at {p.Sequence}")
            .ToList();
        return lagging.Count == 0
            ? HealthCheckResult.Healthy($"high-water mark {highWater}", data)
            : HealthCheckResult.Degraded($"behind the high-water mark {highWater}: {string.Join(", ", lagging)}", data: data);
    }
}
