using Marten;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// The step every deadline job shares (overdue complaints, action items, disputes; rectification
/// escalation): each late item's events are appended at the version it was read at, in a session of
/// its own, so a stream that changed meanwhile (handled, or another instance was first) is left for
/// the next pass and no item is marked twice.
/// </summary>
public static class LateStreams
{
    /// <param name="due">The events due for an item (none: nothing to do for it).</param>
    /// <returns>How many items were appended to.</returns>
    public static async Task<int> AppendOnceAsync<T>(
        IDocumentStore store, IEnumerable<T> late, Func<T, Guid> stream, Func<T, long> version, Func<T, object[]> due, CancellationToken cancellationToken)
    {
        var appended = 0;
        foreach (var item in late)
        {
            var events = due(item);
            if (events.Length == 0)
            {
                continue;
            }

            await using var session = store.LightweightSession();
            session.Events.Append(stream(item), version(item) + events.Length, events);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                appended++;
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Changed since it was read: the next pass looks again.
            }
        }

        return appended;
    }
}
