using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// The outbox: a Marten subscription that publishes mapped events through MassTransit.
/// The MessageId is the stored event's id, so a replayed page publishes the same ids and the
/// consumers' inboxes drop the repeats. A page's events are published side by side, one stream's
/// events in order (each after the previous one's confirm), with at most
/// <c>Messaging:ForwarderMaxInFlight</c> streams in flight; the page's progress commits only after
/// every publish in it was confirmed by the broker, and while the broker is away it keeps retrying.
/// Each event goes out twice: the contract through MassTransit for our services, then the same event
/// as a CloudEvent on the public feed for outside systems (<see cref="CloudEventsPublisher"/>).
/// </summary>
public sealed class IntegrationEventForwarder(
    IntegrationEventMap map,
    IBus bus,
    CloudEventsPublisher publicFeed,
    BusConnectionRecycler recycler,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    IConfiguration configuration,
    PipelineMetrics metrics,
    ILogger<IntegrationEventForwarder> logger) : SubscriptionBase
{
    public const string SubscriptionName = "integration-events";
    internal static readonly ActivitySource Source = new("RedProperty");
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly int _maxInFlight = Math.Max(1, configuration.GetValue("Messaging:ForwarderMaxInFlight", 128));

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var outgoing = new List<(IEvent Stored, object Contract, PublicMessage? Public)>(page.Events.Count);
        foreach (var stored in page.Events)
        {
            try
            {
                if (await map.ToContractAsync(stored, operations) is { } contract)
                {
                    outgoing.Add((stored, contract, await EncodePublicAsync(stored, contract, controller)));
                }
            }
            catch (Exception ex)
            {
                // Only an event that can never be mapped is skipped, and visibly (mt_doc_deadletterevent).
                logger.LogError(ex, "Event {EventId} of type {EventType} cannot be mapped to a contract or a CloudEvent; dead-lettered", stored.Id, stored.EventTypeName);
                metrics.DeadLettered(stored.EventTypeName);
                await controller.RecordDeadLetterEventAsync(stored, ex);
            }
        }

        // Streams are independent; within one, events are published in the order they happened (consumers
        // still see them out of order at times: concurrency, redelivery, one queue per contract).
        var streams = outgoing.GroupBy(e => e.Stored.StreamKey ?? e.Stored.StreamId.ToString());
        await Parallel.ForEachAsync(
            streams,
            new ParallelOptions { MaxDegreeOfParallelism = _maxInFlight, CancellationToken = cancellationToken },
            async (stream, token) =>
            {
                foreach (var (stored, contract, publicMessage) in stream)
                {
                    await PublishUntilConfirmed(stored, contract, publicMessage, token);
                }
            });

        if (page.Events.Count > 0)
        {
            metrics.ForwarderReached(page.SequenceCeiling);
        }

        return NullChangeListener.Instance;
    }

    // A public copy whose text looks personal is withheld, counted and logged (the field, never the text);
    // our own services still get the contract. The dead letter records it where operators look.
    private async Task<PublicMessage?> EncodePublicAsync(IEvent stored, object contract, ISubscriptionController controller)
    {
        try
        {
            return publicFeed.Encode(stored, contract);
        }
        catch (PersonalDataWithheldException withheld)
        {
            logger.LogWarning("Event {EventId}: {Message}", stored.Id, withheld.Message);
            metrics.PublicWithheld(withheld.Type);
            await controller.RecordDeadLetterEventAsync(stored, withheld);
            return null;
        }
    }

    private async Task PublishUntilConfirmed(IEvent stored, object contract, PublicMessage? publicMessage, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity(
            $"forward {contract.GetType().Name}", ActivityKind.Producer, ParentOf(stored));
        activity?.SetTag("messaging.message.id", stored.Id);
        activity?.SetTag("redproperty.event.sequence", stored.Sequence);

        // Both at once (each retried on its own until confirmed): the second copy costs no extra round trip.
        await Task.WhenAll(
            PublishContract(),
            publicMessage is null ? Task.CompletedTask : UntilConfirmed(stored, token => publicFeed.PublishAsync(publicMessage, token), cancellationToken));

        async Task PublishContract()
        {
            await UntilConfirmed(stored, token => bus.Publish(contract, contract.GetType(), Pipe.Execute<PublishContext>(context =>
            {
                context.MessageId = stored.Id;
                if (Guid.TryParse(stored.CorrelationId, out var correlation))
                {
                    context.CorrelationId = correlation;
                }
            }), token), cancellationToken, failed: token => recycler.FailedAsync(contract.GetType(), token));
            recycler.Succeeded(contract.GetType());
            metrics.Published(contract.GetType().Name, time.GetUtcNow() - stored.Timestamp);
        }
    }

    private async Task UntilConfirmed(
        IEvent stored, Func<CancellationToken, Task> publish, CancellationToken cancellationToken, Func<CancellationToken, Task>? failed = null)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            // Marten cancels its token only after the page; a stopping host must not wait for the broker.
            cancellationToken.ThrowIfCancellationRequested();
            lifetime.ApplicationStopping.ThrowIfCancellationRequested();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            timeout.CancelAfter(PublishTimeout);
            try
            {
                // WaitAsync: a publish waiting for a connection that is being recovered may not watch its token;
                // the forwarder must still get its turn to retry (a late confirm only repeats an id the inboxes drop).
                await publish(timeout.Token).WaitAsync(timeout.Token);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                metrics.PublishFailed();
                logger.LogWarning(ex, "Publishing event {EventId} (sequence {Sequence}) failed on attempt {Attempt}; retrying in {Backoff}",
                    stored.Id, stored.Sequence, attempt, backoff);
                // Stop waiting as soon as the host stops or the page is abandoned (another stream failed).
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
                if (failed is not null)
                {
                    await failed(wait.Token);
                }

                await Task.Delay(backoff, time, wait.Token);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private static ActivityContext ParentOf(IEvent stored) =>
        stored.Headers is { } headers
        && headers.TryGetValue(EventHeaders.TraceParent, out var value)
        && ActivityContext.TryParse(value?.ToString(), null, out var parent)
            ? parent
            : default;
}
