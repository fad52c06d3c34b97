using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// The broker as the operations outside MassTransit reach it (delay queues, error queues, parking,
/// replay checks): its address from configuration, a named connection, a channel whose publishes
/// are confirmed and returned when unroutable, and whether a queue exists.
/// </summary>
public static class Broker
{
    /// <summary>How often client and broker check on each other; a connection silent for three is closed.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    /// <summary>The <c>messaging</c> connection string (amqp://user:password@host:port/vhost).</summary>
    public static Uri UriFrom(IConfiguration configuration) =>
        new(configuration.GetConnectionString(MessagingExtensions.ConnectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{MessagingExtensions.ConnectionName}' (amqp://user:password@host:port/vhost) is missing."));

    /// <summary>
    /// Every node of the broker: the connection string's host, then a cluster's other nodes from its
    /// query, <c>amqp://user:password@node-1:5672/vhost?nodes=node-2:5672,node-3:5672</c>. A client
    /// connects to the first that answers and, when that node goes, to another.
    /// </summary>
    public static IReadOnlyList<AmqpTcpEndpoint> NodesOf(Uri broker)
    {
        var first = new AmqpTcpEndpoint(broker.Host, broker.IsDefaultPort ? AmqpTcpEndpoint.UseDefaultPort : broker.Port);
        var others = System.Web.HttpUtility.ParseQueryString(broker.Query)["nodes"] is { Length: > 0 } nodes
            ? nodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => AmqpTcpEndpoint.Parse(n))
            : [];
        return [first, .. others];
    }

    /// <summary>The account a connection to <paramref name="broker"/> signs in as (the client's default, guest, when it names none).</summary>
    public static string UserOf(Uri broker) => broker.UserInfo.Split(':', 2)[0] is { Length: > 0 } user ? Uri.UnescapeDataString(user) : "guest";

    /// <summary>A connection named as it shows in the management UI (to any node of a cluster).</summary>
    public static Task<IConnection> ConnectAsync(Uri broker, string name, CancellationToken cancellationToken)
    {
        // No automatic recovery: a channel the client recovers can wait on confirms that never come (reported
        // against RabbitMQ.Client 7); whoever holds a connection opens a new one when it is closed
        // (BrokerConnection), to whichever node answers. A silent peer is noticed within three heartbeats.
        var factory = new ConnectionFactory
        {
            Uri = new UriBuilder(broker) { Query = "" }.Uri,
            ClientProvidedName = name,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedHeartbeat = Heartbeat,
        };
        return factory.CreateConnectionAsync(NodesOf(broker), cancellationToken);
    }

    /// <summary>A channel whose publishes complete only once confirmed, and fail when returned.</summary>
    public static Task<IChannel> OpenConfirmingChannelAsync(IConnection connection, CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

    /// <summary>Whether the queue exists (a passive declare, which needs no permission on it).</summary>
    public static async Task<bool> QueueExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A failed passive declare closes its channel: one of its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }
}

/// <summary>A named connection of one's own, opened on first use and opened again once it closed (a broker restart).</summary>
public sealed class BrokerConnection(Uri broker, string name) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                {
                    await _connection.DisposeAsync();
                }

                _connection = await Broker.ConnectAsync(broker, name, cancellationToken);
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>Drops the connection (it failed a caller): the next <see cref="GetAsync"/> opens a new one.</summary>
    public async Task ResetAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            if (_connection is { } stale)
            {
                _connection = null;
                DisposeQuietly(stale);
            }
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>Closes a channel or connection in the background: one whose peer is gone may take its time.</summary>
    public static void DisposeQuietly(IAsyncDisposable stale) => _ = Task.Run(async () =>
    {
        try
        {
            await stale.DisposeAsync();
        }
        catch (Exception)
        {
            // Already broken: nothing left to close.
        }
    });

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
