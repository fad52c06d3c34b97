namespace RedProperty.Overview.Figures;

public static class FiguresApi
{
    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        // The district's published figures and lists: aggregates without personal data, like the report
        // itself, so the operator page and the public can read them without signing in.
        app.MapGet("/api/overview/figures", async Task<Ok<DistrictFigures>> (DistrictLogCache log, TimeProvider time, string? asOf, CancellationToken ct) =>
                TypedResults.Ok(await log.FiguresAsync(AsOf.Parse(asOf, time), ct)))
            .AllowAnonymous().WithTags("Figures").WithName("GetDistrictFigures")
            .WithSummary("Every figure of the report, per community and by month, folded from the district log")
            .WithDescription("asOf=2022-06-30: by the dates things happened, until the end of that day, UTC+8. Top-level names are the services' summary names; report holds the 2022 report's figures.");
        return app;
    }
}
