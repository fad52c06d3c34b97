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

    public static IdempotentTransaction Begin(NpgsqlDataSource dataSource, HttpContext http)
    {
        // Sessions are opened synchronously by Marten's factory; a pooled connection opens at once.
        var connection = dataSource.OpenConnection();
        var transaction = new IdempotentTransaction(connection, connection.BeginTransaction());
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
