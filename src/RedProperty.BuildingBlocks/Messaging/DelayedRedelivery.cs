using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace RedProperty.BuildingBlocks;

/// <summary>How long a message that failed its immediate retries waits before it is tried again, and how often.</summary>
public sealed record RedeliverySettings(TimeSpan Delay, int Rounds);

/// <summary>
/// Delayed redelivery on a plain broker (no delayed-message plugin): a message that failed its
/// immediate retries is sent to <c>{queue}_delay</c>, a queue whose TTL dead-letters it back to
/// <c>{queue}</c> after <see cref="RedeliverySettings.Delay"/>. After
/// <see cref="RedeliverySettings.Rounds"/> such rounds the failure goes on to <c>{queue}_error</c>.
/// The MessageId is kept, so the inbox still recognises the message.
/// </summary>
public sealed class DelayedRedeliveryFilter<T>(RedeliverySettings settings, DelayQueues queues, ILogger<DelayedRedeliveryFilter<T>> logger)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    public const string RoundHeader = ErrorQueues.RedeliveryHeader;

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception ex) when (settings.Rounds > 0
                                   && context.Headers.Get<int>(RoundHeader) is var round
                                   && (round ?? 0) < settings.Rounds
                                   && !context.CancellationToken.IsCancellationRequested)
        {
            var queue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1];
            var exchange = await queues.EnsureAsync(queue, settings.Delay, context.CancellationToken);
            var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{exchange}"));
            await endpoint.Send(context.Message, send =>
            {
                send.MessageId = context.MessageId;
                send.CorrelationId = context.CorrelationId;
                send.Headers.Set(RoundHeader, (round ?? 0) + 1);
            }, context.CancellationToken);
            logger.LogWarning(ex, "{MessageType} {MessageId} failed its retries; redelivery {Round} of {Rounds} in {Delay}",
                typeof(T).Name, context.MessageId, (round ?? 0) + 1, settings.Rounds, settings.Delay);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("delayedRedelivery");
}

/// <summary>Declares each <c>{queue}_delay</c> exchange and queue once, on a connection of its own.</summary>
public sealed class DelayQueues(Uri broker) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _declared = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;

    public Task<string> EnsureAsync(string queue, TimeSpan delay, CancellationToken cancellationToken) =>
        _declared.GetOrAdd(queue, q => new Lazy<Task<string>>(() => DeclareAsync(q, delay, cancellationToken))).Value;

    private async Task<string> DeclareAsync(string queue, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            var delayName = $"{queue}_delay";
            var connection = await ConnectAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await channel.ExchangeDeclareAsync(delayName, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(delayName, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)delay.TotalMilliseconds,
                // The default exchange routes by queue name: back to the queue the message came from.
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
            }, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(delayName, delayName, "", cancellationToken: cancellationToken);
            return delayName;
        }
        catch
        {
            _declared.TryRemove(queue, out _);
            throw;
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                _connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "redproperty-delay-queues" }
                    .CreateConnectionAsync(cancellationToken);
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
