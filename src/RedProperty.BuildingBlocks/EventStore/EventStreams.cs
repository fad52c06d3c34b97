using JasperFx.Events;
using Marten;

namespace RedProperty.BuildingBlocks.EventStore;

public static class EventStreams
{
    /// <summary>
    /// Loads a stream to change it: 404 when it does not exist, 412 when If-Match is stale.
    /// Marten re-checks the version at SaveChanges, so a change racing this one still fails.
    /// </summary>
    public static async Task<IEventStream<T>> FetchForChange<T>(
        this IDocumentSession session, Guid id, ExpectedVersion expected, CancellationToken cancellationToken) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, cancellationToken);
        if (stream.Aggregate is null)
        {
            throw new ResourceNotFoundException($"No {typeof(T).Name} with id {id}.");
        }

        if (stream.CurrentVersion != expected.Value)
        {
            throw new StaleVersionException(expected.Value, stream.CurrentVersion ?? 0);
        }

        return stream;
    }
}
