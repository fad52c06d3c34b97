using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every RedProperty process shares: telemetry, health, service discovery, resilience, problem details.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>
    /// Sent by a page or client on its timer (the operators' page: <c>auto</c>): such reads are not traced.
    /// Only reads: a change is traced whoever asks, so no client can keep its writes out of the traces.
    /// </summary>
    public const string RefreshHeader = "RedProperty-Refresh";

    public static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
        && !(HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.ContainsKey(RefreshHeader));

    /// <summary>The gateway's forwarding of a refresh is not traced either (the header travels with it).</summary>
    public static bool IsTraced(HttpRequestMessage request) => !(request.Method == HttpMethod.Get && request.Headers.Contains(RefreshHeader));

    /// <summary>Activity sources and meters beyond ASP.NET Core's own, so one trace runs
    /// from the HTTP request through the event store and the broker to the consumer.</summary>
    public static readonly string[] TelemetrySources = ["Marten", "MassTransit", "Npgsql", "RedProperty"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddProblemDetails();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySources))
            .WithTracing(tracing => tracing
                .ConfigureSampler((_, sampler) => new PollingSpanSampler(sampler))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetrySources)
                // Probes and pages refreshing themselves every few seconds would drown the operators' traces.
                .AddAspNetCoreInstrumentation(o => o.Filter = IsTraced)
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = IsTraced));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Behind the gateway every caller would have the gateway's address: take the client's address
    /// (and scheme) from <c>X-Forwarded-For</c>/<c>-Proto</c>, but only when the request comes from a
    /// trusted proxy: loopback (the gateway beside the services) and the addresses or networks in
    /// <c>Http:TrustedProxies</c> (e.g. <c>10.42.0.0/16</c> for the gateway's pods). Only the last hop
    /// is taken, the one the gateway appended, so a client cannot choose its own address. Sign-in
    /// limits, rate limits, audits and logs then see the real client. Not for the gateway itself,
    /// which is the edge and sees its callers directly.
    /// </summary>
    public static WebApplication UseClientAddressFromGateway(this WebApplication app)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        foreach (var proxy in app.Configuration.GetSection("Http:TrustedProxies").GetChildren().Select(c => c.Value).OfType<string>())
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary><c>/alive</c>: the process answers. <c>/health</c>: every dependency (database,
    /// broker, event-store daemon) is ready.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes come from the orchestrator without a token; the gateway does not route them.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = WriteReport }).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        return app;
    }

    // Operators need to see which dependency is unhealthy, not only that something is.
    private static Task WriteReport(Microsoft.AspNetCore.Http.HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalDuration = report.TotalDuration.TotalMilliseconds,
            entries = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    durationMs = e.Value.Duration.TotalMilliseconds,
                    data = e.Value.Data.Count > 0 ? e.Value.Data : null,
                }),
        };
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}

/// <summary>
/// Keeps periodic background work out of the traces, so a request's trace is easy to find in the
/// dashboard: the event-store daemon's polling span (a new trace every second per service), and
/// any database call or Marten connection that belongs to no request, message or event page
/// (leader-election and high-water polls). Metrics are untouched.
/// </summary>
public sealed class PollingSpanSampler(Sampler inner) : Sampler
{
    public static readonly IReadOnlySet<string> PollingSpans = new HashSet<string>(StringComparer.Ordinal)
    {
        "marten.daemon.highwatermark", "marten.connection",
    };

    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var parent = samplingParameters.ParentContext;
        var orphan = parent.TraceId == default || (parent.TraceFlags & ActivityTraceFlags.Recorded) == 0;
        if (orphan && (PollingSpans.Contains(samplingParameters.Name) || IsDatabaseCall(samplingParameters)))
        {
            return Drop;
        }

        return inner.ShouldSample(samplingParameters);
    }

    private static bool IsDatabaseCall(in SamplingParameters span) =>
        span.Kind == ActivityKind.Client
        && (span.Name == "postgresql" || span.Name.StartsWith("CONNECT ", StringComparison.Ordinal)
            || span.Tags?.Any(t => t.Key is "db.system" or "db.system.name" && t.Value as string == "postgresql") == true);
}
