using Marten;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>Where the event log, the daemon's high-water mark, the forwarder and the projections stand.</summary>
public sealed record PipelineProgress(
    long EventSequence,
    long HighWaterMark,
    long? ForwarderPosition,
    TimeSpan OldestUnforwardedAge,
    IReadOnlyDictionary<string, long> Shards)
{
    private const string HighWaterShard = "HighWaterMark";

    /// <summary>Events appended (up to the high-water mark) that the forwarder has not published yet.</summary>
    public long ForwarderLag => ForwarderPosition is { } position ? Math.Max(0, HighWaterMark - position) : 0;

    /// <param name="forwards">Whether this service forwards integration events (before its first page it has no progress row).</param>
    public static async Task<PipelineProgress> ReadAsync(IDocumentStore store, TimeProvider time, bool forwards, CancellationToken cancellationToken)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var highWater = progress.FirstOrDefault(p => p.ShardName == HighWaterShard)?.Sequence ?? 0;
        long? forwarder = forwards
            ? progress.FirstOrDefault(p => p.ShardName.StartsWith(IntegrationEventForwarder.SubscriptionName, StringComparison.Ordinal))?.Sequence ?? 0
            : null;

        var age = TimeSpan.Zero;
        if (forwarder is { } position && position < highWater)
        {
            await using var session = store.QuerySession();
            var oldest = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > position && e.Sequence <= highWater)
                .OrderBy(e => e.Sequence)
                .Select(e => e.Timestamp)
                .Take(1)
                .ToListAsync(cancellationToken);
            age = oldest.Count == 0 ? TimeSpan.Zero : time.GetUtcNow() - oldest[0];
        }

        var shards = progress
            .Where(p => !p.ShardName.StartsWith("HighWater", StringComparison.Ordinal))
            .ToDictionary(p => p.ShardName, p => p.Sequence);
        return new PipelineProgress(statistics.EventSequenceNumber, highWater, forwarder, age < TimeSpan.Zero ? TimeSpan.Zero : age, shards);
    }
}
