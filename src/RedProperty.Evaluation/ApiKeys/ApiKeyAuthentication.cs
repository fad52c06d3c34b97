using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Evaluation.ApiKeys;

/// <summary>
/// Open311 API keys (<c>api_key</c> in the query or form, or the <c>X-Api-Key</c> header) sign in a
/// complaint client; a request with an <c>Authorization</c> header is read as a bearer token instead.
/// In Development the key <see cref="DevelopmentKey"/> is accepted too.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDocumentStore store, IHostEnvironment environment,
    IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string BearerOrKey = "BearerOrApiKey";
    public const string DevelopmentKey = "red-property-dev-key";
    public const string HeaderName = "X-Api-Key";
    private const string KeyIdClaim = "api_key_id";

    public static void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = BearerOrKey;
                o.DefaultAuthenticateScheme = BearerOrKey;
                o.DefaultChallengeScheme = BearerOrKey;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(SchemeName, null)
            .AddPolicyScheme(BearerOrKey, "Bearer token or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? JwtBearerDefaults.AuthenticationScheme : SchemeName);
    }

    public static Guid? KeyIdOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(KeyIdClaim), out var id) ? id : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = await KeyOf(Request);
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        if (environment.IsDevelopment() && key == DevelopmentKey)
        {
            // Requests a minute for the development key (ApiKeys:DevelopmentKeyRateLimit): high enough for demos, tests and the benchmark.
            return Success("dev-key", "Development complaint client", configuration.GetValue("ApiKeys:DevelopmentKeyRateLimit", 6_000), null);
        }

        var hash = ApiKey.HashOf(key);
        await using var session = store.QuerySession();
        var found = await session.Query<ApiKey>().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, Context.RequestAborted);
        return found is null
            ? AuthenticateResult.Fail("Unknown or revoked API key.")
            : Success($"api-key:{found.Id}", found.Client, found.RateLimit, found.Id);
    }

    private static AuthenticateResult Success(string subject, string client, int rateLimit, Guid? id)
    {
        var identity = new ClaimsIdentity(SchemeName, ClaimNames.Name, ClaimNames.Role);
        identity.AddClaim(new Claim(ClaimNames.Subject, subject));
        identity.AddClaim(new Claim(ClaimNames.Name, client));
        identity.AddClaim(new Claim(ClaimNames.Role, Roles.ComplaintClient));
        identity.AddClaim(new Claim(ClaimNames.RateLimit, rateLimit.ToString(CultureInfo.InvariantCulture)));
        if (id is { } keyId)
        {
            identity.AddClaim(new Claim(KeyIdClaim, keyId.ToString()));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static async Task<string?> KeyOf(HttpRequest request)
    {
        if (request.Headers[HeaderName] is { Count: > 0 } header)
        {
            return header.ToString();
        }

        if (request.Query["api_key"] is { Count: > 0 } query)
        {
            return query.ToString();
        }

        // Open311 sends the key with the form of a POST.
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form["api_key"].ToString();
        }

        return null;
    }
}
