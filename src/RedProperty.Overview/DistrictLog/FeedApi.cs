using System.Globalization;
using Marten.Events;

namespace RedProperty.Overview.DistrictLog;

/// <summary>
/// Catch-up for integrators: the district log from any position, in order, as a CloudEvents JSON batch.
/// Each event carries its position as the <c>sequence</c> extension; the next request's <c>after</c> is
/// in the <c>Feed-Next-After</c> header and the <c>Link rel="next"</c>. A client that was down asks from
/// the last position it processed and misses nothing; it may see an event on the live feed and here,
/// with the same <c>id</c>.
/// </summary>
public static class FeedApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const string NextAfterHeader = "Feed-Next-After";

    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/overview/feed", async (HttpContext http, IQuerySession session, string? after, string? limit, CancellationToken ct) =>
            {
                var from = Number(after, "after", 0, long.MaxValue) ?? 0;
                var take = (int)(Number(limit, "limit", 1, MaxLimit) ?? DefaultLimit);
                var page = await session.Events.QueryAllRawEvents()
                    .Where(e => e.Sequence > from && e.EventTypesAre(typeof(DistrictEventLogged)))
                    .OrderBy(e => e.Sequence)
                    .Take(take)
                    .ToListAsync(ct);
                var next = page.Count == 0 ? from : page[^1].Sequence;
                var body = PublicJson.Formatter.EncodeBatchModeMessage(
                    page.Select(e => ((DistrictEventLogged)e.Data).ToCloudEvent(e.Sequence)), out _);
                http.Response.Headers[NextAfterHeader] = next.ToString(CultureInfo.InvariantCulture);
                http.Response.Headers.Link = $"</api/overview/feed?after={next}&limit={take}>; rel=\"next\"";
                return TypedResults.Bytes(body.ToArray(), PublicJson.BatchContentType);
            })
            .ForRoles(Roles.IntegrationClient).WithTags("Feed").WithName("GetFeed")
            .WithSummary("The district log after a position, in order, as application/cloudevents-batch+json (integration clients)")
            .WithDescription("after=<position> (0 = from the start), limit=1..1000 (default 100). The next position is in the Feed-Next-After header; an empty batch means caught up.");
        return app;
    }

    private static long? Number(string? value, string parameterName, long min, long max) =>
        string.IsNullOrWhiteSpace(value) ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max ? number
        : throw new InvalidFieldException(parameterName, $"A whole number from {min} to {max}.");
}
