using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Http;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>One read of personal data: who read what, when, and through which request.</summary>
public sealed record PersonalDataRead(
    Guid Id, string Actor, string ActorName, IReadOnlyList<string> Roles, string What, string Request, string? TraceId, DateTimeOffset At);

/// <summary>
/// Every successful read of personal data (names in the member ledger, complainants' contacts) is
/// recorded before the data is sent, in the service's own schema, and district admins can query the
/// record. A read whose record cannot be written is not answered.
/// </summary>
public static class PersonalDataAudit
{
    public static RouteHandlerBuilder AuditsPersonalData(this RouteHandlerBuilder route, string what) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: < 200 or >= 300 })
            {
                return result;
            }

            var http = context.HttpContext;
            var caller = Caller.Of(http.User);
            var store = http.RequestServices.GetRequiredService<IDocumentStore>();
            await using var session = store.LightweightSession();
            session.Insert(new PersonalDataRead(
                Guid.CreateVersion7(), caller.Id, caller.Name, [.. caller.Roles.Order()], what,
                $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}", Activity.Current?.TraceId.ToString(),
                http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
            await session.SaveChangesAsync(http.RequestAborted);
            return result;
        });

    /// <summary><c>GET {prefix}/personal-data-reads</c>: the audit trail, newest first, for district admins.</summary>
    public static IEndpointRouteBuilder MapPersonalDataAudit(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapGet($"{prefix}/personal-data-reads", async Task<Ok<LedgerPage<PersonalDataRead>>> (
                IQuerySession session, TimeProvider time, string? actor, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
            {
                var (number, size) = Ledger.Paging(page, pageSize);
                var query = session.Query<PersonalDataRead>().AsQueryable();
                if (!string.IsNullOrEmpty(actor))
                {
                    query = query.Where(r => r.Actor == actor);
                }

                if (from is { } start)
                {
                    query = query.Where(r => r.At >= start);
                }

                if (to is { } end)
                {
                    query = query.Where(r => r.At < end);
                }

                var total = await query.CountAsync(ct);
                var items = await query.OrderByDescending(r => r.At).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new LedgerPage<PersonalDataRead>(time.GetUtcNow(), number, size, total, items));
            })
            .ForRoles()
            .WithTags("Audit")
            .WithName("GetPersonalDataReads")
            .WithSummary("Who read personal data, what and when (actor, from, to; newest first)");
        return app;
    }
}
