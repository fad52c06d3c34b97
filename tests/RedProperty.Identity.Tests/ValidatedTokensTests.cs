using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Identity.Tests;

/// <summary>A token's signature is checked once for its lifetime; a forged or expired token is refused as before.</summary>
public sealed class ValidatedTokensTests
{
    private const string Issuer = "http://identity/";
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "signing" };

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = Issuer,
        ValidAudience = SignIn.Audience,
        IssuerSigningKey = Key,
        NameClaimType = "name",
        RoleClaimType = "role",
    };

    private sealed class Meters : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }

    private static string Token(DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = SignIn.Audience,
        IssuedAt = expires.AddMinutes(-30),
        NotBefore = expires.AddMinutes(-30),
        Expires = expires,
        Claims = new Dictionary<string, object> { ["sub"] = "dev-district-admin", ["name"] = "王建国", ["role"] = Roles.DistrictAdmin },
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
    });

    [Fact]
    public async Task A_token_is_checked_once_for_its_lifetime_and_a_forged_or_expired_one_is_refused_each_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new ValidatedTokens(clock, new Meters());
        var token = Token(DateTime.UtcNow.AddMinutes(5));

        var first = await tokens.ValidateTokenAsync(token, Parameters);
        var again = await tokens.ValidateTokenAsync(token, Parameters);
        Assert.True(first.IsValid && again.IsValid);
        Assert.Equal(1, tokens.SignatureChecks);
        Assert.NotSame(first.ClaimsIdentity, again.ClaimsIdentity); // each request its own copy
        Assert.Equal("王建国", again.ClaimsIdentity.Name);
        Assert.True(again.ClaimsIdentity.HasClaim("role", Roles.DistrictAdmin));

        // The same claims under another signature: checked and refused, every time.
        var forged = $"{token[..token.LastIndexOf('.')]}.{Base64UrlEncoder.Encode(new byte[256])}";
        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.Equal(3, tokens.SignatureChecks);

        // Past its expiry the token is not taken from memory: checked again (the check itself reads the real clock).
        clock.Advance(TimeSpan.FromMinutes(6));
        await tokens.ValidateTokenAsync(token, Parameters);
        Assert.Equal(4, tokens.SignatureChecks);

        // An expired token is refused and never remembered.
        var expired = Token(DateTime.UtcNow.AddMinutes(-10));
        Assert.False((await tokens.ValidateTokenAsync(expired, Parameters)).IsValid);
        Assert.False((await tokens.ValidateTokenAsync(expired, Parameters)).IsValid);
        Assert.Equal(6, tokens.SignatureChecks);
    }

    [Fact]
    public async Task A_service_checks_the_signature_of_a_callers_token_once_and_still_refuses_a_forged_one()
    {
        await using var system = await TestSystem.CreateAsync("identity-validated-tokens");
        var organization = system.Start<RedProperty.Organization.OrganizationService>();
        var tokens = organization.Services.GetRequiredService<ValidatedTokens>();
        var token = await system.Identity.TokenAsync(Roles.Auditor);
        using var caller = organization.CreateClient().WithToken(token);

        var before = tokens.SignatureChecks;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/api/organization/summary")).StatusCode);
        }

        Assert.Equal(before + 1, tokens.SignatureChecks);
        using var forger = organization.CreateClient().WithToken($"{token[..token.LastIndexOf('.')]}.{Base64UrlEncoder.Encode(new byte[256])}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.GetAsync("/api/organization/summary")).StatusCode);
    }
}
