namespace RedProperty.Overview.Page;

/// <summary>The operators' page: the district's figures against the report's, the lists, monthly charts and each community, refreshing itself.</summary>
public static class OperatorPage
{
    private static readonly Lazy<byte[]> Html = new(() =>
    {
        using var stream = typeof(OperatorPage).Assembly.GetManifestResourceStream("RedProperty.Overview.Page.overview.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IEndpointRouteBuilder MapOperatorPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/overview", () => TypedResults.Bytes(Html.Value, "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
