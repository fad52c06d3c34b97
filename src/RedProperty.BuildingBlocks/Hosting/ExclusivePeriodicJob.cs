using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Hosting;

/// <summary>
/// A periodic job that changes the store (deadlines passing, housekeeping): with several instances of
/// a service, one pass runs at a time across all of them, under a PostgreSQL advisory lock named by
/// the store's schema and the job; an instance that finds it taken skips that pass (the other is
/// doing the work). The lock lives with the pass's connection, so a killed instance frees it at once.
/// </summary>
public abstract class ExclusivePeriodicJob(IDocumentStore store, TimeProvider time, ILogger logger) : QuietPeriodicJob(time, logger)
{
    protected IDocumentStore Store => store;

    protected override async Task<IAsyncDisposable?> EnterPassAsync(CancellationToken cancellationToken)
    {
        var connection = store.Storage.Database.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            var key = AdvisoryLocks.KeyOf($"{store.Options.DatabaseSchemaName}/{GetType().Name}");
            await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({key})", connection);
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return new Lease(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Lease(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Released before the connection goes back to the pool, where the lock would outlive the pass.
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", connection);
                await release.ExecuteScalarAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
