using System.Collections.Concurrent;
using MassTransit;
using MassTransit.DependencyInjection;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// Opens MassTransit a new broker connection when one contract's publishes keep failing on a connection that
/// is up. RabbitMQ before 3.12.5 lets a channel whose first publish to a quorum queue falls in a leader change
/// (a node lost) remember the dead leader and refuse (nack) every later publish to that queue until the node
/// returns; MassTransit retries a refused publish on the same channel. A connection closed by us is handled as
/// a lost node: every channel is opened again, the consumers' included. At most once per
/// <c>Messaging:RecycleConnectionAfter</c> (default 15 s), and only after failures that long.
/// </summary>
public sealed class BusConnectionRecycler(
    IServiceProvider services, IConfiguration configuration, TimeProvider time, PipelineMetrics metrics, ILogger<BusConnectionRecycler> logger)
{
    private readonly TimeSpan _after = configuration.GetValue("Messaging:RecycleConnectionAfter", TimeSpan.FromSeconds(15));
    private readonly ConcurrentDictionary<Type, long> _failingSince = new();
    private int _recycling;
    private long _lastRecycle = long.MinValue;
    private int _recycled;

    /// <summary>How many times the connection was closed for failing publishes.</summary>
    public int Recycled => Volatile.Read(ref _recycled);

    public void Succeeded(Type contract) => _failingSince.TryRemove(contract, out _);

    public async Task FailedAsync(Type contract, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var since = _failingSince.GetOrAdd(contract, now);
        if (time.GetElapsedTime(since, now) < _after
            || (Volatile.Read(ref _lastRecycle) is var last && last != long.MinValue && time.GetElapsedTime(last, now) < _after)
            || Interlocked.Exchange(ref _recycling, 1) == 1)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _lastRecycle, now);
            _failingSince.Clear();
            if (await CurrentConnectionAsync(cancellationToken) is { IsOpen: true } connection)
            {
                logger.LogWarning("Publishing {Contract} has failed for {Seconds:F0} s on an open broker connection; closing it so that MassTransit opens a new one",
                    contract.Name, time.GetElapsedTime(since, now).TotalSeconds);
                await connection.CloseAsync(200, "publishes refused: opening a new connection", TimeSpan.FromSeconds(5), abort: false, cancellationToken);
                Interlocked.Increment(ref _recycled);
                metrics.ConnectionRecycled();
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The broker may be away altogether: the forwarder keeps retrying, and so does this.
            logger.LogWarning(ex, "Closing the bus's broker connection failed");
        }
        finally
        {
            Volatile.Write(ref _recycling, 0);
        }
    }

    // The bus's connection (opened if it has none; within 5 s, as the broker may be away).
    private async Task<RabbitMQ.Client.IConnection?> CurrentConnectionAsync(CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<Bind<IBus, IBusInstance>>().Value.HostConfiguration is not IRabbitMqHostConfiguration rabbit)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        RabbitMQ.Client.IConnection? connection = null;
        await rabbit.ConnectionContextSupervisor.Send(Pipe.Execute<ConnectionContext>(context => connection = context.Connection), timeout.Token);
        return connection;
    }
}
