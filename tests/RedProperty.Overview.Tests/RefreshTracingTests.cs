using Microsoft.AspNetCore.Http;
using ServiceDefaults = Microsoft.Extensions.Hosting.Extensions;

namespace RedProperty.Overview.Tests;

/// <summary>Which requests stay out of the traces: a page's timed reads, never anybody's changes.</summary>
public sealed class RefreshTracingTests
{
    [Theory]
    [InlineData("GET", "/api/overview/figures", true, false)]
    [InlineData("GET", "/api/overview/figures", false, true)]
    [InlineData("POST", "/api/evaluation/complaints", true, true)]
    [InlineData("PUT", "/api/organization/companies/0193a5c2-1d2e-7c4f-9b1a-138938001230", true, true)]
    [InlineData("GET", "/health", false, false)]
    public void A_refresh_header_keeps_only_reads_out_of_the_traces(string method, string path, bool refresh, bool traced)
    {
        var context = new DefaultHttpContext { Request = { Method = method, Path = path } };
        using var message = new HttpRequestMessage(new HttpMethod(method), $"http://gateway{path}");
        if (refresh)
        {
            context.Request.Headers[ServiceDefaults.RefreshHeader] = "auto";
            message.Headers.Add(ServiceDefaults.RefreshHeader, "auto");
        }

        Assert.Equal(traced, ServiceDefaults.IsTraced(context));
        Assert.Equal(traced || path == "/health", ServiceDefaults.IsTraced(message));
    }
}
