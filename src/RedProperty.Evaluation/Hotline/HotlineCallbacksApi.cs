namespace RedProperty.Evaluation.Hotline;

public static class HotlineCallbacksApi
{
    public static IEndpointRouteBuilder MapHotlineCallbacksApi(this IEndpointRouteBuilder app)
    {
        var callbacks = app.MapGroup("/api/evaluation/hotline/callbacks").WithTags("Hotline");

        callbacks.MapGet("/", List)
            .ForRoles().WithName("ListHotlineCallbacks")
            .WithSummary("Callbacks to the 12345 hotline not yet delivered: deadLettered=true for those that gave up, oldest first")
            .WithDescription("District admins. Each with its update (work order, status, note, satisfaction), attempts, last error and next attempt.");

        callbacks.MapPost("/{id:guid}/redelivery", Redeliver)
            .ForRoles().AuditsChanges("hotline callback redelivery").WithName("RedeliverHotlineCallback")
            .WithSummary("Send a callback again at the next pass, with its attempts from zero (a dead letter once the hotline is back)")
            .WithDescription("204; 404 for an unknown or delivered callback.");

        return app;
    }

    private static async Task<Ok<IReadOnlyList<HotlineCallback>>> List(bool? deadLettered, IQuerySession session, CancellationToken cancellationToken)
    {
        var query = session.Query<HotlineCallback>().AsQueryable();
        if (deadLettered is { } dead)
        {
            query = query.Where(c => c.DeadLettered == dead);
        }

        return TypedResults.Ok<IReadOnlyList<HotlineCallback>>(await query.OrderBy(c => c.QueuedAt).Take(Ledger.MaxPageSize).ToListAsync(cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound>> Redeliver(Guid id, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<HotlineCallback>(id, cancellationToken) is not { } callback)
        {
            return TypedResults.NotFound();
        }

        session.Store(callback with { Attempts = 0, DeadLettered = false, NextAttemptAt = time.GetUtcNow() });
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
