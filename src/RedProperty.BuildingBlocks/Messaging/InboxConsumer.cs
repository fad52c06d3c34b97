using Marten;
using MassTransit;
using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.BuildingBlocks;

/// <summary>A message this service has already applied; its id is consumer name + MessageId.</summary>
public sealed record InboxRecord(string Id, string MessageType, DateTimeOffset ProcessedAt);

/// <summary>
/// Applies an integration event exactly once in effect: the change and the inbox record commit
/// in one transaction, so a redelivered message (same MessageId) finds its record and does nothing.
/// </summary>
public abstract class InboxConsumer<TMessage>(IDocumentStore store, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a MessageId; it cannot be de-duplicated.");
        var key = $"{GetType().Name}/{messageId:N}";

        // A fresh session per attempt: a retry must not inherit the failed attempt's pending changes.
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<InboxRecord>(key, context.CancellationToken) is not null)
        {
            return;
        }

        await Apply(context.Message, session, context.CancellationToken);
        session.Insert(new InboxRecord(key, typeof(TMessage).Name, time.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (DocumentConflicts.Involve<InboxRecord>(e))
        {
            // A concurrent delivery of the same message won the race and applied it; ours rolled back.
        }
    }

    /// <summary>Stage the message's effect in <paramref name="session"/>; do not save.</summary>
    protected abstract Task Apply(TMessage message, IDocumentSession session, CancellationToken cancellationToken);
}
