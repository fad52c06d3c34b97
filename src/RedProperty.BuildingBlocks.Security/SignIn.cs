using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>The roles allowed on an endpoint (district admins always are); read by the OpenAPI document and the tests.</summary>
public sealed record AllowedRoles(IReadOnlyList<string> Roles);

/// <summary>
/// Sign-in for every service: OAuth 2.0 bearer tokens (JWT) from the OpenID Connect authority in
/// <c>Auth:Authority</c> — the district's identity service, or the government's own provider by
/// configuration alone — and nothing without one: the fallback policy makes a new endpoint
/// closed until it says who may call it. Requests are rate-limited per caller.
/// </summary>
public static class SignIn
{
    public const string Audience = "redproperty";

    public static IHostApplicationBuilder AddSignIn(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth");
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.Authority = auth["Authority"];
                o.Audience = auth["Audience"] ?? Audience;
                // Plain HTTP to the authority only where configuration says so (Development behind the AppHost).
                o.RequireHttpsMetadata = auth.GetValue("RequireHttpsMetadata", !builder.Environment.IsDevelopment());
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = ClaimNames.Name;
                o.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                if (auth["Issuer"] is { Length: > 0 } issuer)
                {
                    o.TokenValidationParameters.ValidIssuer = issuer;
                }
            });

        // Each token's signature checked once for its lifetime, not on every request.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<ValidatedTokens>((o, tokens) =>
        {
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(tokens);
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddCallerRateLimits(builder.Configuration);
        return builder;
    }

    /// <summary>Who may call the endpoint; district admins always may. Others get 403, and no token 401.</summary>
    public static TBuilder ForRoles<TBuilder>(this TBuilder endpoint, params string[] roles) where TBuilder : IEndpointConventionBuilder
    {
        string[] allowed = [Roles.DistrictAdmin, .. roles.Where(r => r != Roles.DistrictAdmin)];
        endpoint.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', allowed) });
        endpoint.WithMetadata(new AllowedRoles(allowed));
        return endpoint;
    }

    /// <summary>Authentication, then the per-caller rate limit, then authorization.</summary>
    public static WebApplication UseSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseRouteScopes();
        return app;
    }

    private static void AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits");
        var signedIn = limits.GetValue("PerMinute", 6_000);
        var anonymous = limits.GetValue("AnonymousPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/alive"))
                {
                    return RateLimitPartition.GetNoLimiter("probes");
                }

                var user = http.User;
                if (user.Identity?.IsAuthenticated != true)
                {
                    // Unsigned requests are limited per address, so guessing keys or tokens is slow.
                    return Bucket($"address:{http.Connection.RemoteIpAddress}", anonymous);
                }

                var perMinute = int.TryParse(user.FindFirst(ClaimNames.RateLimit)?.Value, CultureInfo.InvariantCulture, out var own) ? own : signedIn;
                return Bucket($"caller:{Caller.Of(user).Id}", perMinute);
            });
            o.OnRejected = RejectAsync;
        });
    }

    /// <summary>429 with <c>Retry-After</c> (seconds) and problem+json: every rate limit of the system answers so.</summary>
    public static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This rate limit is used up; try again in {seconds} s.",
            },
        });
    }

    // Bursts of up to a tenth of the minute's allowance, refilled evenly over the minute.
    private static RateLimitPartition<string> Bucket(string key, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, perMinute / 10),
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = perMinute >= 60 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(60.0 / Math.Max(1, perMinute)),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
