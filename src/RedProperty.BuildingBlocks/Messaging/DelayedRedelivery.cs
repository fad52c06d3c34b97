using MassTransit;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>How long a message that failed its immediate retries waits before it is tried again, and how often.</summary>
/// <param name="RetryLimit">Immediate retries before a round of delayed redelivery (<c>Messaging:RetryLimit</c>).</param>
/// <param name="OutageDelay">The wait of a message that failed because the database was out of reach
/// (<c>Messaging:OutageRedeliveryDelay</c>): a failover or a restart is over in seconds, so such a message is
/// tried again soon, and its rounds do not use up the ones a real fault gets.</param>
/// <param name="OutageRounds">How many such waits before the message is counted as failing (<c>Messaging:OutageRedeliveryRounds</c>).</param>
public sealed record RedeliverySettings(TimeSpan Delay, int Rounds, int RetryLimit, TimeSpan OutageDelay, int OutageRounds)
{
    /// <summary>The longest a message can take from its first failure to its last redelivery, retries included.</summary>
    public TimeSpan Window
    {
        get
        {
            var retries = RetryLimit * TimeSpan.FromSeconds(5);
            return ((Delay + retries) * (Rounds + 1)) + ((OutageDelay + retries) * OutageRounds);
        }
    }
}

/// <summary>
/// Delayed redelivery on a plain broker (no delayed-message plugin): a message that failed its
/// immediate retries is sent to <c>{queue}_delay_{seconds}s</c>, a queue whose TTL dead-letters it to the
/// queue's own exchange (so back to <c>{queue}</c>) after <see cref="RedeliverySettings.Delay"/>. After
/// <see cref="RedeliverySettings.Rounds"/> such rounds the failure goes on to <c>{queue}_error</c>.
/// A failure because the database is out of reach (<see cref="DatabaseOutages"/>) waits
/// <see cref="RedeliverySettings.OutageDelay"/> instead, counted on its own.
/// The MessageId is kept, so the inbox still recognises the message. The rounds travel in transport
/// headers, which moving a message back from the error queue clears. The send is mandatory and the
/// delay queue declared before each send: a message is never acknowledged into a void.
/// </summary>
public sealed class DelayedRedeliveryFilter<T>(RedeliverySettings settings, DelayQueues queues, ILogger<DelayedRedeliveryFilter<T>> logger)
    : IFilter<ConsumeContext<T>>
    where T : class
{
    public const string RoundHeader = ErrorQueues.RedeliveryHeader;
    public const string OutageRoundHeader = ErrorQueues.OutageRedeliveryHeader;

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        try
        {
            await next.Send(context);
        }
        // MassTransit's retry filter runs outside this one (it wraps the whole consume pipe), so a failure
        // is let through to it until its last immediate retry; only then does the message wait for redelivery.
        catch (Exception ex) when (context.GetRetryAttempt() >= settings.RetryLimit
                                   && !context.CancellationToken.IsCancellationRequested
                                   && NextWait(ex, context.ReceiveContext.TransportHeaders) is { } wait)
        {
            var queue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1];
            try
            {
                await SendToDelay(context, queue, wait);
            }
            catch (Exception delayFailure)
            {
                // The message goes to the error queue with its own failure, not the delay path's.
                logger.LogError(delayFailure, "{MessageType} {MessageId} could not wait for redelivery; it goes to the error queue",
                    typeof(T).Name, context.MessageId);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
            }

            logger.LogWarning(ex, "{MessageType} {MessageId} failed its retries; redelivery {Round} of {Rounds} ({Header}) in {Delay}",
                typeof(T).Name, context.MessageId, wait.Round, wait.Rounds, wait.Header, wait.Delay);
        }
    }

    private sealed record Wait(string Header, int Round, int Rounds, TimeSpan Delay);

    // An outage waits briefly while its own rounds last; anything else (and an outage that outlasts them)
    // takes the ordinary rounds; none left: the error queue.
    private Wait? NextWait(Exception exception, MassTransit.Headers headers)
    {
        var outageRound = headers.Get<int>(OutageRoundHeader) ?? 0;
        if (DatabaseOutages.IsOutage(exception) && outageRound < settings.OutageRounds)
        {
            return new Wait(OutageRoundHeader, outageRound + 1, settings.OutageRounds, settings.OutageDelay);
        }

        var round = headers.Get<int>(RoundHeader) ?? 0;
        return round < settings.Rounds ? new Wait(RoundHeader, round + 1, settings.Rounds, settings.Delay) : null;
    }

    private async Task SendToDelay(ConsumeContext<T> context, string queue, Wait wait)
    {
        var exchange = await queues.EnsureAsync(queue, wait.Delay, context.CancellationToken);
        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{exchange}"));
        await endpoint.Send(context.Message, send =>
            {
                if (send is RabbitMqSendContext rabbit)
                {
                    rabbit.Mandatory = true;
                }

                send.MessageId = context.MessageId;
                send.CorrelationId = context.CorrelationId;
                // Both counts travel on: an outage's wait does not reset a fault's rounds, nor the reverse.
                foreach (var header in (string[])[RoundHeader, OutageRoundHeader])
                {
                    if (context.ReceiveContext.TransportHeaders.Get<int>(header) is { } carried)
                    {
                        send.Headers.Set(header, carried);
                    }
                }

                send.Headers.Set(wait.Header, wait.Round);
            }, context.CancellationToken);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("delayedRedelivery");
}

/// <summary>
/// Declares a <c>{queue}_delay_{seconds}s</c> exchange and queue, on a connection of its own. Declared before
/// every redelivery (this is the failure path, and a declare is idempotent), so a delay queue
/// deleted while the service runs is back before the next message needs it.
/// </summary>
public sealed class DelayQueues(Uri broker, bool quorum = false) : IAsyncDisposable
{
    private readonly BrokerConnection _connection = new(broker, "redproperty-delay-queues");

    /// <summary>The delay queue of <paramref name="queue"/> for <paramref name="delay"/>: the delay is in the
    /// name, because RabbitMQ cannot change a queue's TTL; a changed setting makes a new queue.</summary>
    public static string NameOf(string queue, TimeSpan delay) => $"{queue}_delay_{(long)delay.TotalSeconds}s";

    public async Task<string> EnsureAsync(string queue, TimeSpan delay, CancellationToken cancellationToken)
    {
        var delayName = NameOf(queue, delay);
        var connection = await _connection.GetAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(delayName, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        var arguments = new Dictionary<string, object?>
        {
            ["x-message-ttl"] = (long)delay.TotalMilliseconds,
            // The queue's own endpoint exchange (MassTransit binds it to the queue): a service may
            // write there, unlike the default exchange.
            ["x-dead-letter-exchange"] = queue,
        };
        if (quorum)
        {
            arguments["x-queue-type"] = "quorum";
        }

        await channel.QueueDeclareAsync(delayName, durable: true, exclusive: false, autoDelete: false, arguments: arguments, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(delayName, delayName, "", cancellationToken: cancellationToken);
        return delayName;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
