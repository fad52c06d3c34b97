using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>A read model that carries its stream's version, which is its ETag.</summary>
public interface IVersioned
{
    long Version { get; }
}

public static class EventStreams
{
    /// <summary>The "create" use case: start the stream with its first event, save, answer 201 with Location and ETag 1.</summary>
    public static async Task<Created<TView>> Start<TState, TView>(
        this IDocumentSession session, Guid id, object created, TView view, string location, HttpResponse response,
        CancellationToken cancellationToken) where TState : class
    {
        session.Events.StartStream<TState>(id, created);
        await session.SaveChangesAsync(cancellationToken);
        response.SetETag(1);
        return TypedResults.Created(location, view);
    }

    /// <summary>
    /// Starts a stream together with a reservation document whose id is the unique key (a credit
    /// code, a place's scoped name, a person's key): a second insert of the same key fails in the
    /// same transaction, and <paramref name="taken"/> says what to answer instead.
    /// </summary>
    public static async Task<Created<TView>> StartReserved<TState, TView, TReservation>(
        this IDocumentSession session, TReservation reservation, Func<Exception, Task<Exception>> taken,
        Guid id, object created, TView view, string location, HttpResponse response, CancellationToken cancellationToken)
        where TState : class where TReservation : notnull
    {
        session.Insert(reservation);
        try
        {
            return await session.Start<TState, TView>(id, created, view, location, response, cancellationToken);
        }
        catch (Exception e) when (DocumentConflicts.Involve<TReservation>(e))
        {
            throw await taken(e);
        }
    }

    /// <summary>The "read" use case: the inline read model with its version as ETag, or 404.</summary>
    public static async Task<Results<Ok<TView>, NotFound>> Read<TView>(
        this IQuerySession session, Guid id, HttpResponse response, CancellationToken cancellationToken, Func<TView, bool>? visible = null)
        where TView : class, IVersioned
    {
        // Outside the caller's scope is the same 404 as missing, so existence does not leak.
        if (await session.LoadAsync<TView>(id, cancellationToken) is not { } view || visible?.Invoke(view) == false)
        {
            return TypedResults.NotFound();
        }

        response.SetETag(view.Version);
        return TypedResults.Ok(view);
    }

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

    /// <summary>
    /// The whole "change" use case: load with If-Match, decide, append, save, and answer with the
    /// inline read model <typeparamref name="TView"/> and the new ETag.
    /// </summary>
    public static async Task<Ok<TView>> Change<TState, TView>(
        this IDocumentSession session, Guid id, ExpectedVersion expected, Func<TState, IReadOnlyList<object>> decide,
        HttpResponse response, CancellationToken cancellationToken) where TState : class where TView : notnull
    {
        var stream = await session.FetchForChange<TState>(id, expected, cancellationToken);
        var events = decide(stream.Aggregate!);
        stream.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);

        var view = await session.LoadAsync<TView>(id, cancellationToken)
            ?? throw new InvalidOperationException($"{typeof(TView).Name} {id} is not projected inline.");
        response.SetETag(expected.Value + events.Count);
        return TypedResults.Ok(view);
    }
}
