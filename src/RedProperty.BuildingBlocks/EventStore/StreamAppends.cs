using Marten;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// Appending to a stream whose version the caller does not hold: another service's event adds an item to a
/// waiting meeting, an erasure marks a subject's stream. Appended without a version, Marten's quick append
/// leaves the stream's inline read model at version 0, which is its ETag, so the next change made with that
/// ETag would be refused (412). Appended at the version the stream has now, the read model carries its real
/// version; a change in between fails the save, and the caller's retry reads it again.
/// </summary>
public static class StreamAppends
{
    public static async Task AppendAtCurrentVersionAsync(this IDocumentSession session, Guid stream, CancellationToken cancellationToken, params object[] events)
    {
        var state = await session.Events.FetchStreamStateAsync(stream, cancellationToken)
            ?? throw new InvalidOperationException($"There is no stream {stream} to append to.");
        session.Events.Append(stream, state.Version + events.Length, events);
    }
}
