using Marten;

namespace RedProperty.BuildingBlocks.EventStore;

public static class DirectoryUpsert
{
    /// <summary>
    /// Changes a consumer's copy of something another service owns, from whatever arrives first. A new
    /// document is inserted, never stored: two messages about the same new thing consumed at once (an
    /// estate's registration and its contract) would otherwise both "create" it and one would be lost;
    /// this way the second fails, is retried and applies its change to the first's document. An existing
    /// one is stored under the document type's optimistic concurrency, with the same effect.
    /// </summary>
    /// <param name="change">The new document, or null to leave it as it is.</param>
    public static async Task Upsert<T>(this IDocumentSession session, Guid id, Func<T> absent, Func<T, T?> change, CancellationToken cancellationToken)
        where T : class
    {
        var existing = await session.LoadAsync<T>(id, cancellationToken);
        if (change(existing ?? absent()) is not { } changed)
        {
            return;
        }

        if (existing is null)
        {
            session.Insert(changed);
        }
        else
        {
            session.Store(changed);
        }
    }
}
