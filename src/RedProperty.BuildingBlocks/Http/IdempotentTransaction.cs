using Microsoft.AspNetCore.Http;
using Npgsql;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// The one database transaction of a request with an <c>Idempotency-Key</c>: the session's
/// SaveChanges run inside it without committing, and <see cref="Idempotency"/> commits it once the
/// response is recorded. Disposed (rolled back if not committed) with the request.
/// </summary>
public sealed class IdempotentTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private IdempotentTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        Transaction = transaction;
    }

    public NpgsqlTransaction Transaction { get; }

    /// <summary>Opens the request's connection and transaction (asynchronously, before the endpoint asks for its session).</summary>
    public static async Task<IdempotentTransaction> BeginAsync(NpgsqlDataSource dataSource, HttpContext http)
    {
        var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        var transaction = new IdempotentTransaction(connection, await connection.BeginTransactionAsync(http.RequestAborted));
        http.Features.Set(transaction);
        http.Response.RegisterForDisposeAsync(transaction);
        return transaction;
    }

    public Task CommitAsync() => Transaction.CommitAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
