using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Hosting;

namespace RedProperty.Overview.Tests;

/// <summary>
/// A service started again over months of housekeeping records (a store that ran, then stood still):
/// its first retention pass removes every expired idempotency key and inbox record, in batches, and
/// keeps the ones still inside their windows.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private const int Expired = (RetentionService.BatchSize * 2) + 123; // more than one batch, not a round number
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("overview-retention");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Restarted_over_expired_records_the_service_purges_them_all_and_keeps_the_current_ones()
    {
        var first = _system.Start<OverviewService>();
        var store = first.Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow;
        await store.BulkInsertAsync(Enumerable.Range(0, Expired)
            .Select(i => new InboxRecord($"district-log:{Guid.CreateVersion7()}", "PublicCloudEvent", now.AddDays(-30).AddSeconds(i))).ToList());
        await store.BulkInsertAsync(Enumerable.Range(0, Expired)
            .Select(i => new IdempotencyRecord($"overview:{Guid.CreateVersion7()}", "hash", now.AddDays(-3).AddSeconds(i), 201)).ToList());
        var current = new InboxRecord($"district-log:{Guid.CreateVersion7()}", "PublicCloudEvent", now.AddDays(-1));
        var currentKey = new IdempotencyRecord($"overview:{Guid.CreateVersion7()}", "hash", now.AddHours(-1), 201);
        await using (var session = store.LightweightSession())
        {
            session.Store(current);
            session.Store(currentKey);
            await session.SaveChangesAsync();
        }

        await first.DisposeAsync();

        var again = _system.Start<OverviewService>(); // its retention pass runs at start
        var restarted = again.Services.GetRequiredService<IDocumentStore>();
        await Eventually.True(async () =>
        {
            await using var query = restarted.QuerySession();
            return await query.Query<InboxRecord>().CountAsync() == 1 && await query.Query<IdempotencyRecord>().CountAsync() == 1;
        }, TimeSpan.FromSeconds(60), "the expired records purged at start");

        await using var read = restarted.QuerySession();
        Assert.NotNull(await read.LoadAsync<InboxRecord>(current.Id));
        Assert.NotNull(await read.LoadAsync<IdempotencyRecord>(currentKey.Id));
    }
}
