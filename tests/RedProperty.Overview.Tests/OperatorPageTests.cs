using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace RedProperty.Overview.Tests;

/// <summary>The operators' page: served in Chinese, reading the figures, and its timer kept out of the dashboard's traces.</summary>
[Collection(OverviewCollection.Name)]
public sealed class OperatorPageTests(OverviewFixture fixture)
{
    [Fact]
    public async Task The_page_is_served_in_Chinese_and_refreshes_the_figures_marked_as_a_refresh()
    {
        var page = await fixture.Overview.CreateClient().WithToken(null).GetAsync("/overview");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("全区概览", html, StringComparison.Ordinal);
        Assert.Contains("/api/overview/figures", html, StringComparison.Ordinal);
        Assert.Contains($"\"{Extensions.RefreshHeader}\": \"auto\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_is_not_traced_in_the_service_nor_in_the_gateways_forwarding_and_a_request_is()
    {
        var refresh = new DefaultHttpContext();
        refresh.Request.Method = HttpMethods.Get;
        refresh.Request.Path = "/api/overview/figures";
        refresh.Request.Headers[Extensions.RefreshHeader] = "auto";
        // Only reads: a change is traced whoever sends the header, so no client keeps its writes out of the traces.
        var change = new DefaultHttpContext();
        change.Request.Method = HttpMethods.Post;
        change.Request.Path = "/api/evaluation/complaints";
        change.Request.Headers[Extensions.RefreshHeader] = "auto";
        Assert.True(Extensions.IsTraced(change));
        var request = new DefaultHttpContext();
        request.Request.Path = "/api/overview/figures";
        var probe = new DefaultHttpContext();
        probe.Request.Path = Extensions.HealthEndpointPath;

        Assert.False(Extensions.IsTraced(refresh));
        Assert.False(Extensions.IsTraced(probe));
        Assert.True(Extensions.IsTraced(request));

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "http://overview/api/overview/figures");
        Assert.True(Extensions.IsTraced(forwarded));
        forwarded.Headers.Add(Extensions.RefreshHeader, "auto");
        Assert.False(Extensions.IsTraced(forwarded));
        using var forwardedChange = new HttpRequestMessage(HttpMethod.Post, "http://evaluation/api/evaluation/complaints");
        forwardedChange.Headers.Add(Extensions.RefreshHeader, "auto");
        Assert.True(Extensions.IsTraced(forwardedChange));
    }
}
