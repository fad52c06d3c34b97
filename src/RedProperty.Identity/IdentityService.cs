using System.Security.Cryptography.X509Certificates;
using FluentValidation;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using RedProperty.BuildingBlocks.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RedProperty.Identity;

/// <summary>
/// The district's sign-in (OpenID Connect, OpenIddict): client credentials for other government
/// systems, an authorization-code sign-in (with PKCE) for operators, JWT access tokens that every
/// service validates against this authority's published keys.
/// </summary>
public sealed class IdentityService
{
    public const string Name = "identity";

    /// <summary>The development client secret and operator password; refused outside Development.</summary>
    public const string DevelopmentSecret = "redproperty-dev-secret";

    /// <summary>The rate-limiter policy of the password form.</summary>
    public const string SignInAttempts = "sign-in-attempts";

    public static void Register(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddDbContext<IdentityDb>(o => o
            .UseNpgsql(configuration.GetConnectionString("redproperty"), IdentityDb.Npgsql)
            .UseOpenIddict());
        builder.Services.AddSingleton<BuildingBlocks.Security.IAuditTrail, IdentityAuditTrail>();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                if (configuration["Identity:Issuer"] is { Length: > 0 } issuer)
                {
                    o.SetIssuer(new Uri(issuer));
                }

                o.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, SignIn.Audience)
                    .SetAccessTokenLifetime(configuration.GetValue("Identity:AccessTokenLifetime", TimeSpan.FromMinutes(30)))
                    // Services read the token themselves (JWT bearer), so it is signed, not encrypted.
                    .DisableAccessTokenEncryption();
                AddKeys(o, configuration, builder.Environment);
                var aspNetCore = o.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough();
                if (configuration.GetValue("Identity:AllowPlainHttp", builder.Environment.IsDevelopment()))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Cookie.Name = "redproperty.signin";
                o.Cookie.SameSite = SameSiteMode.Lax;
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().Build());
        // Browser pages of other origins (each service's Scalar page, operator consoles) fetch tokens here.
        var origins = configuration.GetSection("Identity:CorsOrigins").Get<string[]>() ?? [];
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddCors(o => o.AddDefaultPolicy(policy => policy
            .SetIsOriginAllowed(origin => origins.Contains(origin) || (development && Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback))
            .WithMethods("POST").AllowAnyHeader()));
        builder.Services.AddDataProtection()
            .SetApplicationName("redproperty-identity")
            .PersistKeysToDbContext<IdentityDb>();
        builder.Services.AddAntiforgery();
        // Guessing passwords or secrets is slow: sign-in attempts are limited per address.
        var attempts = configuration.GetValue("Identity:SignInAttemptsPerMinute", 10);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInAttempts, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = SignIn.RejectAsync;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>(); // a broken rule (a name taken) is a 409, not a 500
        builder.Services.AddValidatorsFromAssemblyContaining<IdentityService>(includeInternalTypes: true);
        builder.Services.AddSingleton<IPasswordHasher<Operator>, PasswordHasher<Operator>>();
        builder.Services.AddScoped<AccountStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<IdentityStoreHealthCheck>("identity-store");
    }

    /// <summary>
    /// Brings the store to this version's schema (EF Core migrations, under the provider's migration
    /// lock, so instances starting together apply each once), then, in Development, writes the
    /// development accounts, and anywhere else removes them.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();

        // Instances starting together prepare the store one after the other: adopting an old store
        // and migrating it, then the accounts (one connection, so the session's lock covers all).
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PrepareLock})");
        try
        {
            await AdoptStoreWithoutHistoryAsync(db);
            await db.Database.MigrateAsync();
            await PrepareAccountsAsync(app, scope.ServiceProvider);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PrepareLock})");
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly long PrepareLock = RedProperty.BuildingBlocks.EventStore.AdvisoryLocks.KeyOf("identity/prepare-store");

    private static async Task PrepareAccountsAsync(WebApplication app, IServiceProvider services)
    {
        if (app.Environment.IsDevelopment())
        {
            await DevelopmentAccounts.EnsureAsync(services);
        }
        else
        {
            await FirstAdministrator.EnsureAsync(services, app.Configuration["Identity:Administrator:Password"], app.Logger);
            // A store first used in Development must not keep logins whose secret is published.
            await DevelopmentAccounts.RemoveAsync(services, app.Logger);
        }
    }

    /// <summary>
    /// Versions before migrations created the tables of the first migration directly and kept no
    /// history: such a store is recorded as being at that migration, so the later ones apply over it
    /// and its accounts stay.
    /// </summary>
    private static async Task AdoptStoreWithoutHistoryAsync(IdentityDb db)
    {
        var tablesExist = await db.Database.SqlQuery<bool>(
            $"SELECT EXISTS (SELECT FROM information_schema.tables WHERE table_schema = {IdentityDb.Schema} AND table_name = 'Operators') AS \"Value\"").SingleAsync();
        var history = db.GetService<IHistoryRepository>();
        if (!tablesExist || (await history.ExistsAsync() && (await history.GetAppliedMigrationsAsync()).Count > 0))
        {
            return;
        }

        await history.CreateIfNotExistsAsync();
        var baseline = db.Database.GetMigrations().First();
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())));
    }

    private static void AddKeys(OpenIddictServerBuilder server, ConfigurationManager configuration, IWebHostEnvironment environment)
    {
        var keys = configuration["Identity:Keys"];
        if (configuration["Identity:SigningCertificate:Path"] is { Length: > 0 } path)
        {
            // A PKCS#12 file with a private key, mounted from the deployment's secret store.
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Identity:SigningCertificate:Password"]);
            server.AddSigningCertificate(certificate).AddEncryptionCertificate(certificate);
        }
        else if (string.Equals(keys, "Ephemeral", StringComparison.OrdinalIgnoreCase))
        {
            // Tests: fresh keys per process; tokens die with it.
            server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
        }
        else if (environment.IsDevelopment())
        {
            // Self-signed certificates kept in the user's store, so tokens outlive a restart.
            server.AddDevelopmentSigningCertificate().AddDevelopmentEncryptionCertificate();
        }
        else
        {
            throw new InvalidOperationException(
                "Outside Development the identity service needs Identity:SigningCertificate:Path (a PKCS#12 file) and its password.");
        }
    }
}

/// <summary>Sign-in needs its store: unhealthy when the database does not answer.</summary>
internal sealed class IdentityStoreHealthCheck(IdentityDb db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult(context.Registration.FailureStatus, "The identity store does not answer.");
}
