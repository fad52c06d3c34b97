using Marten;
using MassTransit;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>A message this service has already applied; its id is consumer name + MessageId.</summary>
public sealed record InboxRecord(string Id, string MessageType, DateTimeOffset ProcessedAt);

/// <summary>What every inbox consumer needs, injected as one.</summary>
public sealed class Inbox(IDocumentStore store, TimeProvider time, PipelineMetrics metrics)
{
    public IDocumentStore Store { get; } = store;

    public TimeProvider Time { get; } = time;

    public PipelineMetrics Metrics { get; } = metrics;
}

/// <summary>
/// Applies an integration event exactly once in effect: the change and the inbox record commit
/// in one transaction, so a redelivered message (same MessageId) finds its record and does nothing.
/// </summary>
public abstract class InboxConsumer<TMessage>(Inbox inbox) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be de-duplicated.");
        var consumer = GetType().Name;
        var key = $"{consumer}/{messageId:N}";

        // A fresh session per attempt: a retry must not inherit the failed attempt's pending changes.
        await using var session = inbox.Store.LightweightSession();
        if (await session.LoadAsync<InboxRecord>(key, context.CancellationToken) is not null)
        {
            inbox.Metrics.DuplicateDropped(consumer);
            // The first delivery may have stopped between its commit and the work that follows it.
            await AfterCommit(context.Message, context.CancellationToken);
            return;
        }

        MessageId = messageId;
        await Apply(context.Message, session, context.CancellationToken);
        var now = inbox.Time.GetUtcNow();
        session.Insert(new InboxRecord(key, typeof(TMessage).Name, now));
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
            if (context.SentTime is { } sent)
            {
                inbox.Metrics.Consumed(consumer, now - new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)));
            }
        }
        catch (Exception e) when (DocumentConflicts.Involve<InboxRecord>(e))
        {
            // A concurrent delivery of the same message won the race and applied it; ours rolled back.
            inbox.Metrics.DuplicateDropped(consumer);
        }

        await AfterCommit(context.Message, context.CancellationToken);
    }

    /// <summary>The store, clock and metrics every consumer shares.</summary>
    protected Inbox Inbox => inbox;

    /// <summary>The id of the message being applied: the event's identity, to keep where an effect came from.</summary>
    protected Guid MessageId { get; private set; }

    /// <summary>Stage the message's effect in <paramref name="session"/>; do not save.</summary>
    protected abstract Task Apply(TMessage message, IDocumentSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Work that can only follow the commit, such as rewriting events. It runs again when the message is
    /// delivered again, so it must be safe to repeat.
    /// </summary>
    protected virtual Task AfterCommit(TMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
