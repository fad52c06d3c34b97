using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedProperty.BuildingBlocks.Http;
using RedProperty.BuildingBlocks.Messaging;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Hosting;

/// <summary>
/// Deletes idempotency records older than <c>Idempotency:Retention</c> (default 1 day) and inbox
/// records older than <c>Messaging:InboxRetention</c> (default 14 days), every
/// <c>Retention:Interval</c> (default 1 hour). The inbox must outlive the longest redelivery window,
/// or a late redelivery would be applied twice; the service refuses to start otherwise.
/// </summary>
public sealed class RetentionService(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<RetentionService> logger)
    : ExclusivePeriodicJob(store, time, logger)
{
    private readonly RetentionSettings _settings = RetentionSettings.From(configuration);

    protected override TimeSpan Interval => _settings.Interval;

    // Hourly housekeeping is not what operators look for in the traces.
    protected override string Work => "Purging expired idempotency and inbox records";

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => PurgeAsync(Store, now, _settings, cancellationToken);

    /// <summary>Records deleted per transaction: a purge after a long pause never holds one huge delete.</summary>
    public const int BatchSize = 5_000;

    /// <returns>How many records were deleted.</returns>
    public static async Task<int> PurgeAsync(IDocumentStore store, DateTimeOffset now, RetentionSettings settings, CancellationToken cancellationToken)
    {
        var idempotencyBefore = now - settings.Idempotency;
        var inboxBefore = now - settings.Inbox;
        return await PurgeInBatchesAsync<IdempotencyRecord>(store, r => r.ReceivedAt < idempotencyBefore, r => r.Id, cancellationToken)
            + await PurgeInBatchesAsync<InboxRecord>(store, r => r.ProcessedAt < inboxBefore, r => r.Id, cancellationToken);
    }

    // The expired ids through the timestamp's index, then those rows by key: each batch reads and
    // deletes only what it removes, however many years the table holds.
    private static async Task<int> PurgeInBatchesAsync<T>(
        IDocumentStore store, System.Linq.Expressions.Expression<Func<T, bool>> expired, System.Linq.Expressions.Expression<Func<T, string>> id,
        CancellationToken cancellationToken) where T : notnull
    {
        var deleted = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var ids = await session.Query<T>().Where(expired).Select(id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return deleted;
            }

            foreach (var key in ids)
            {
                session.Delete<T>(key);
            }

            await session.SaveChangesAsync(cancellationToken);
            deleted += ids.Count;
            if (ids.Count < BatchSize)
            {
                return deleted;
            }
        }
    }
}

public sealed record RetentionSettings(TimeSpan Idempotency, TimeSpan Inbox, TimeSpan Interval)
{
    public static RetentionSettings From(IConfiguration configuration)
    {
        var settings = new RetentionSettings(
            configuration.GetValue("Idempotency:Retention", TimeSpan.FromDays(1)),
            configuration.GetValue("Messaging:InboxRetention", TimeSpan.FromDays(14)),
            configuration.GetValue("Retention:Interval", TimeSpan.FromHours(1)));
        var redeliveryWindow = MessagingExtensions.RedeliveryWindow(configuration);
        if (settings.Inbox <= redeliveryWindow)
        {
            throw new InvalidOperationException(
                $"Messaging:InboxRetention ({settings.Inbox}) must be longer than the longest redelivery window ({redeliveryWindow}).");
        }

        return settings;
    }
}
