using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>The first response to a creating POST with an <c>Idempotency-Key</c>.</summary>
public sealed record IdempotencyRecord(
    string Id, string RequestHash, DateTimeOffset ReceivedAt,
    int StatusCode = 0, string? Location = null, string? ETag = null, string? ContentType = null, string? Body = null);

/// <summary>
/// The key of the request hashes idempotency records keep (HMAC-SHA256): a body can hold an ID number or a phone,
/// and an unkeyed hash of a short body can be reversed by trying every number. <c>Idempotency:HashKey</c>; outside
/// Development a real secret (see <see cref="Secrets.Require"/>), or the service does not start. Changing it only
/// makes a retry of the last day's requests a 422.
/// </summary>
public sealed class RequestHashKey(byte[] key)
{
    public const string Setting = "Idempotency:HashKey";
    public const string DevelopmentKey = "redproperty-dev-request-hash-key";

    public static RequestHashKey From(Microsoft.Extensions.Configuration.IConfiguration configuration, Microsoft.Extensions.Hosting.IHostEnvironment environment) =>
        new(Secrets.Require(configuration, environment, Setting, DevelopmentKey));

    public async Task<string> HashAsync(Stream body, CancellationToken cancellationToken) =>
        Convert.ToHexString(await HMACSHA256.HashDataAsync(key, body, cancellationToken));

    /// <summary>Asks for the key when the host starts, so a service without one never serves a request.</summary>
    public sealed class StartCheck(IServiceProvider services) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<RequestHashKey>(); // outside Development without a real key: throws, and the host stops
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentEndpoint
{
    public static readonly IdempotentEndpoint Instance = new();
}

/// <summary>
/// <c>Idempotency-Key</c> on creating POSTs: the same key with the same body gets the first
/// response again (<c>Idempotent-Replayed: true</c>); the same key with another body is 422.
/// The request's session runs in one database transaction (see <see cref="IdempotentTransaction"/>)
/// that commits the created resource, the key and the response together: a retry racing the first
/// request can never create a second resource, and a crash can never leave a key without its response.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!IsIdempotentRequest(http))
            {
                return await next(context);
            }

            var key = KeyOf(http);

            if (key.Length > MaxKeyLength)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [HeaderName] = [$"At most {MaxKeyLength} characters."] }, title: "Invalid request");
            }

            var session = http.RequestServices.GetRequiredService<IDocumentSession>();
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            var transaction = http.Features.Get<IdempotentTransaction>()
                ?? throw new InvalidOperationException("The request's session was not opened in an idempotent transaction.");
            var id = RecordId(http, key);
            var hash = await HashBody(http.Request);

            if (await session.LoadAsync<IdempotencyRecord>(id, http.RequestAborted) is { } first)
            {
                return Replay(first, hash);
            }

            // Written by the endpoint's own SaveChangesAsync, inside the request's transaction, which
            // commits below only with the response: a record is never seen without its response.
            var record = new IdempotencyRecord(id, hash, time.GetUtcNow());
            session.Insert(record);
            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception e) when (DocumentConflicts.Involve<IdempotencyRecord>(e))
            {
                // A concurrent request with the same key committed first; answer as its replay would.
                await using var fresh = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
                return Replay((await fresh.LoadAsync<IdempotencyRecord>(id, CancellationToken.None))!, hash);
            }

            // Refusals roll back with the request (the key stays free); anything else is rendered and
            // judged by the status it actually wrote, so no result type can slip through uncommitted.
            if (result is IStatusCodeHttpResult { StatusCode: < 200 or >= 300 })
            {
                return result;
            }

            var response = result as IResult ?? TypedResults.Ok(result);

            // Write the response into a buffer once, keep a copy for replays, then send it.
            var body = http.Response.Body;
            await using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await response.ExecuteAsync(http);
            }
            finally
            {
                http.Response.Body = body;
            }

            if (http.Response.StatusCode is < 200 or >= 300)
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(body, http.RequestAborted);
                return Results.Empty; // not a success: nothing is committed, the key stays free
            }

            session.Update(record with
            {
                StatusCode = http.Response.StatusCode,
                Location = http.Response.Headers.Location.ToString(),
                ETag = http.Response.Headers.ETag.ToString(),
                ContentType = http.Response.ContentType,
                Body = System.Text.Encoding.UTF8.GetString(buffer.ToArray()),
            });
            // Not the request's token: what was decided must be kept even if the caller hung up.
            await session.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync();

            buffer.Position = 0;
            await buffer.CopyToAsync(body, http.RequestAborted);
            return Results.Empty;
        }).WithMetadata(IdempotentEndpoint.Instance);

    /// <summary>
    /// For keyed requests: lets the filter read the raw body after model binding, and opens the
    /// request's transaction here, asynchronously, since Marten's session factory is synchronous.
    /// </summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && KeyOf(context).Length > 0)
            {
                context.Request.EnableBuffering();
                if (IsIdempotentRequest(context))
                {
                    await IdempotentTransaction.BeginAsync(context.RequestServices.GetRequiredService<Npgsql.NpgsqlDataSource>(), context);
                }
            }

            await next(context);
        });

    private static IResult Replay(IdempotencyRecord first, string hash)
    {
        if (first.RequestHash != hash)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used with a different request body.");
        }

        return new ReplayedResult(first);
    }

    /// <summary>True when this request's session must run in one transaction with its idempotency record.</summary>
    public static bool IsIdempotentRequest(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && KeyOf(http).Length > 0
        && http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not null;

    private static string KeyOf(HttpContext http) => http.Request.Headers[HeaderName].ToString().Trim();

    // The route pattern, not the raw path: "/companies" and "/companies/" are one endpoint.
    // Scoped to the caller: one client's key can neither replay nor block another's request.
    private static string RecordId(HttpContext http, string key) =>
        $"{Security.Caller.Of(http.User).Id}|{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}|{key}";

    private static async Task<string> HashBody(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return "";
        }

        request.Body.Position = 0;
        var hash = await request.HttpContext.RequestServices.GetRequiredService<RequestHashKey>().HashAsync(request.Body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return hash;
    }

    private sealed class ReplayedResult(IdempotencyRecord first) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = first.StatusCode;
            response.Headers[ReplayedHeaderName] = "true";
            if (!string.IsNullOrEmpty(first.Location))
            {
                response.Headers.Location = first.Location;
            }

            if (!string.IsNullOrEmpty(first.ETag))
            {
                response.Headers.ETag = first.ETag;
            }

            if (first.Body is { Length: > 0 } body)
            {
                response.ContentType = first.ContentType;
                await response.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}
