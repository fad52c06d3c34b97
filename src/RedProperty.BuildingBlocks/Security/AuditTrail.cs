using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RedProperty.BuildingBlocks.Http;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>One entry of a service's audit trail: who read personal data or changed how the system runs, from where, and how it ended.</summary>
/// <param name="Kind"><see cref="AuditKinds.PersonalDataRead"/> or <see cref="AuditKinds.Change"/> (null in entries written before the trail
/// took changes: they are all personal-data reads).</param>
/// <param name="Status">The HTTP status the request was answered with (a refused change is recorded too).</param>
/// <param name="ClientAddress">The caller's own address: behind the gateway, the one it forwarded.</param>
public sealed record AuditRecord(
    Guid Id, string? Kind, string Actor, string ActorName, IReadOnlyList<string> Roles, string What, string Request, int? Status,
    string? ClientAddress, string? TraceId, DateTimeOffset At);

public static class AuditKinds
{
    public const string PersonalDataRead = "personal-data-read";
    public const string Change = "change";
}

/// <summary>What an auditor asks the trail for: a kind, an actor, a time range (from inclusive, to exclusive).</summary>
public sealed record AuditQuery(string? Kind, string? Actor, DateTimeOffset? From, DateTimeOffset? To);

public static class AuditQueries
{
    /// <summary>The entries <paramref name="query"/> asks for, in any LINQ provider's terms (Marten's and EF Core's alike).</summary>
    public static IQueryable<AuditRecord> Matching(this IQueryable<AuditRecord> found, AuditQuery query)
    {
        found = query.Kind switch
        {
            null => found,
            AuditKinds.PersonalDataRead => found.Where(r => r.Kind == null || r.Kind == AuditKinds.PersonalDataRead),
            var kind => found.Where(r => r.Kind == kind),
        };
        if (!string.IsNullOrEmpty(query.Actor))
        {
            found = found.Where(r => r.Actor == query.Actor);
        }

        if (query.From is { } from)
        {
            found = found.Where(r => r.At >= from);
        }

        return query.To is { } to ? found.Where(r => r.At < to) : found;
    }
}

/// <summary>A service's audit trail, in its own database. Entries are never purged by the retention job (MLPS level 3 asks for
/// at least 180 days; a government keeps them longer).</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>The matching entries, newest first, and how many match in all.</summary>
    Task<(int Total, IReadOnlyList<AuditRecord> Items)> FindAsync(AuditQuery query, int skip, int take, CancellationToken cancellationToken);
}

/// <summary>The trail as Marten documents in the service's schema.</summary>
public sealed class MartenAuditTrail(IDocumentStore store) : IAuditTrail
{
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Insert(record);
        await session.SaveChangesAsync(cancellationToken);
    }

    public async Task<(int Total, IReadOnlyList<AuditRecord> Items)> FindAsync(AuditQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var found = session.Query<AuditRecord>().Matching(query);
        var total = await found.CountAsync(cancellationToken);
        var items = await found.OrderByDescending(r => r.At).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (total, items);
    }
}

/// <summary>One entry as a CSV row for the auditor's export.</summary>
[CsvHelper.CsvRecord]
public sealed partial record AuditRow(
    DateTimeOffset At, string Kind, string Actor, string ActorName, string Roles, string What, string Request, int? Status, string? ClientAddress, string? TraceId);

/// <summary>
/// Writes the audit trail and serves it. A read of personal data is recorded before the data is sent (a read whose
/// entry cannot be written is not answered); an administrative change (accounts, keys, replays, moves, erasures)
/// is recorded with how it ended, refused ones included.
/// </summary>
public static class AuditTrail
{
    /// <summary>The longest export in one answer: an auditor narrows <c>from</c>/<c>to</c> beyond it.</summary>
    public const int MaxExport = 100_000;

    public static RouteHandlerBuilder AuditsPersonalData(this RouteHandlerBuilder route, string what) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var status = StatusOf(result);
            if (status is < 200 or >= 300)
            {
                return result;
            }

            var http = context.HttpContext;
            await Trail(http).RecordAsync(Entry(http, AuditKinds.PersonalDataRead, what, status), http.RequestAborted);
            return result;
        });

    /// <summary>Records every change (not GET) made through these routes, with the status it was answered with.</summary>
    public static TBuilder AuditsChanges<TBuilder>(this TBuilder routes, string what) where TBuilder : IEndpointConventionBuilder =>
        routes.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                return await next(context);
            }

            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception ex)
            {
                // Refused by an exception (409, 412, 404 …): recorded with the status it is answered with; when the
                // trail itself cannot be written (the database is away) the answer is not held up by it.
                var refused = ProblemExceptionHandler.ProblemFor(ex, http, 0)?.Status ?? StatusCodes.Status500InternalServerError;
                try
                {
                    await Trail(http).RecordAsync(Entry(http, AuditKinds.Change, what, refused), http.RequestAborted);
                }
                catch (Exception auditFailure)
                {
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditTrail))
                        .LogError(auditFailure, "The audit entry of a refused change ({What}) could not be written", what);
                }

                throw;
            }

            await Trail(http).RecordAsync(Entry(http, AuditKinds.Change, what, StatusOf(result)), http.RequestAborted);
            return result;
        });

    // Results<Ok<T>, NotFound> wraps the result it chose.
    private static int StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult { StatusCode: { } code } => code,
        _ => StatusCodes.Status200OK,
    };

    private static IAuditTrail Trail(HttpContext http) => http.RequestServices.GetRequiredService<IAuditTrail>();

    private static AuditRecord Entry(HttpContext http, string kind, string what, int status)
    {
        var caller = Caller.Of(http.User);
        return new AuditRecord(
            Guid.CreateVersion7(), kind, caller.Id, caller.Name, [.. caller.Roles.Order()], what,
            $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}", status, http.Connection.RemoteIpAddress?.ToString(),
            Activity.Current?.TraceId.ToString(), http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    /// <summary>
    /// <c>GET {prefix}/audit</c> (district admins and auditors; <c>format=csv</c> exports the whole selection) and
    /// <c>GET {prefix}/personal-data-reads</c> (district admins), newest first.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditTrail(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapGet($"{prefix}/audit", async Task<IResult> (
                HttpRequest request, IAuditTrail trail, TimeProvider time, string? kind, string? actor, DateTimeOffset? from, DateTimeOffset? to,
                int? page, int? pageSize, CancellationToken ct) =>
            {
                if (kind is not (null or AuditKinds.PersonalDataRead or AuditKinds.Change))
                {
                    throw new InvalidFieldException("kind", $"{AuditKinds.PersonalDataRead} or {AuditKinds.Change}.");
                }

                var query = new AuditQuery(kind, actor, from, to);
                if (string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
                    || request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase))
                {
                    var (total, all) = await trail.FindAsync(query, 0, MaxExport + 1, ct);
                    if (total > MaxExport)
                    {
                        throw new InvalidFieldException("from", $"{total} entries match; export at most {MaxExport} at a time (narrow from and to).");
                    }

                    return Ledger.Respond(request, [.. all.Select(Row)], time.GetUtcNow(), null, null, "audit");
                }

                return TypedResults.Ok(await PageAsync(trail, query, time, page, pageSize, ct));
            })
            .ForRoles(Roles.Auditor)
            .WithTags("Audit")
            .WithName("GetAuditTrail")
            .WithSummary("The audit trail: personal-data reads and administrative changes (kind, actor, from, to; newest first; format=csv exports)")
            .Produces<LedgerPage<AuditRecord>>();

        app.MapGet($"{prefix}/personal-data-reads", async Task<Ok<LedgerPage<AuditRecord>>> (
                IAuditTrail trail, TimeProvider time, string? actor, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await PageAsync(trail, new AuditQuery(AuditKinds.PersonalDataRead, actor, from, to), time, page, pageSize, ct)))
            .ForRoles()
            .WithTags("Audit")
            .WithName("GetPersonalDataReads")
            .WithSummary("Who read personal data, what and when (actor, from, to; newest first)");
        return app;
    }

    private static async Task<LedgerPage<AuditRecord>> PageAsync(
        IAuditTrail trail, AuditQuery query, TimeProvider time, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Ledger.Paging(page, pageSize);
        var (total, items) = await trail.FindAsync(query, (number - 1) * size, size, cancellationToken);
        return new LedgerPage<AuditRecord>(time.GetUtcNow(), number, size, total, items);
    }

    private static AuditRow Row(AuditRecord r) => new(
        r.At, r.Kind ?? AuditKinds.PersonalDataRead, r.Actor, r.ActorName, string.Join(' ', r.Roles), r.What, r.Request, r.Status, r.ClientAddress, r.TraceId);
}
