using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.BuildingBlocks;

/// <summary>
/// The outbox: a Marten subscription that publishes mapped events through MassTransit.
/// The MessageId is the stored event's id, so a replayed page publishes the same ids and the
/// consumers' inboxes drop the repeats. A page's progress commits only after every publish in it
/// was confirmed by the broker; while the broker is away it keeps retrying the same event.
/// </summary>
public sealed class IntegrationEventForwarder(
    IntegrationEventMap map,
    IBus bus,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<IntegrationEventForwarder> logger) : SubscriptionBase
{
    public const string SubscriptionName = "integration-events";
    internal static readonly ActivitySource Source = new("RedProperty");
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var stored in page.Events)
        {
            object? contract;
            try
            {
                contract = map.ToContract(stored);
            }
            catch (Exception ex)
            {
                // Only an event that can never be mapped is skipped, and visibly (mt_doc_deadletterevent).
                logger.LogError(ex, "Event {EventId} of type {EventType} cannot be mapped to a contract; dead-lettered", stored.Id, stored.EventTypeName);
                await controller.RecordDeadLetterEventAsync(stored, ex);
                continue;
            }

            if (contract is not null)
            {
                await PublishUntilConfirmed(stored, contract, cancellationToken);
            }
        }

        return NullChangeListener.Instance;
    }

    private async Task PublishUntilConfirmed(IEvent stored, object contract, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity(
            $"forward {contract.GetType().Name}", ActivityKind.Producer, ParentOf(stored));
        activity?.SetTag("messaging.message.id", stored.Id);
        activity?.SetTag("redproperty.event.sequence", stored.Sequence);

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
                await bus.Publish(contract, contract.GetType(), Pipe.Execute<PublishContext>(context =>
                {
                    context.MessageId = stored.Id;
                    if (Guid.TryParse(stored.CorrelationId, out var correlation))
                    {
                        context.CorrelationId = correlation;
                    }
                }), timeout.Token);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing event {EventId} (sequence {Sequence}) failed on attempt {Attempt}; retrying in {Backoff}",
                    stored.Id, stored.Sequence, attempt, backoff);
                await Task.Delay(backoff, time, lifetime.ApplicationStopping);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private static ActivityContext ParentOf(IEvent stored) =>
        stored.Headers is { } headers
        && headers.TryGetValue(TracedSessionFactory.TraceParentHeader, out var value)
        && ActivityContext.TryParse(value?.ToString(), null, out var parent)
            ? parent
            : default;
}
