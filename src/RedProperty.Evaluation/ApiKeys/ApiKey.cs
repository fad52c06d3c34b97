using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Evaluation.ApiKeys;

/// <summary>
/// An Open311 API key of a complaint client (a resident app, the 12345 hotline, another system).
/// Only the SHA-256 of the key is kept: the key is 256 random bits, so a fast hash is as safe as a
/// slow one and keeps the intake path lean.
/// </summary>
/// <param name="RateLimit">Requests a minute this client may make.</param>
public sealed record ApiKey(
    Guid Id, string Client, string Hash, string Prefix, int RateLimit, string IssuedBy, DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt = null, string? RevokedBy = null)
{
    public const string KeyPrefix = "rpk_";

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public ApiKeyInfo ToInfo() => new(Id, Client, Prefix, RateLimit, IssuedAt, RevokedAt);
}

/// <param name="Client">Who gets the key, e.g. 麦积区12345政务服务便民热线.</param>
/// <param name="RateLimit">Requests a minute (default 60).</param>
public sealed record IssueApiKey(string Client, int? RateLimit);

/// <summary>The key itself is in this answer only.</summary>
public sealed record IssuedApiKey(Guid Id, string Client, string Key, int RateLimit, DateTimeOffset IssuedAt);

public sealed record ApiKeyInfo(Guid Id, string Client, string Prefix, int RateLimit, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

public sealed class IssueApiKeyValidator : AbstractValidator<IssueApiKey>
{
    public IssueApiKeyValidator()
    {
        RuleFor(r => r.Client).NotEmpty().MaximumLength(200);
        RuleFor(r => r.RateLimit).InclusiveBetween(1, 100_000);
    }
}

/// <summary>District administrators issue and revoke complaint clients' API keys.</summary>
public static class ApiKeysApi
{
    public const int DefaultRateLimit = 60;

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/evaluation/api-keys").WithTags("API keys").AuditsChanges("api keys");

        keys.MapPost("/", async Task<Created<IssuedApiKey>> (IssueApiKey request, IDocumentSession session, TimeProvider time,
                System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            {
                var key = ApiKey.KeyPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
                var issued = new ApiKey(Guid.CreateVersion7(), request.Client, ApiKey.HashOf(key), key[..8], request.RateLimit ?? DefaultRateLimit,
                    Caller.Of(user).Id, time.GetUtcNow());
                session.Insert(issued);
                await session.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/evaluation/api-keys/{issued.Id}",
                    new IssuedApiKey(issued.Id, issued.Client, key, issued.RateLimit, issued.IssuedAt));
            })
            .Validate<IssueApiKey>()
            .ForRoles()
            .WithName("IssueApiKey")
            .WithSummary("Issue an API key to a complaint client; the key is shown once and kept only as a hash");

        keys.MapGet("/", async Task<Ok<IReadOnlyList<ApiKeyInfo>>> (IQuerySession session, CancellationToken ct) =>
                TypedResults.Ok<IReadOnlyList<ApiKeyInfo>>([.. (await session.Query<ApiKey>().OrderBy(k => k.IssuedAt).ToListAsync(ct)).Select(k => k.ToInfo())]))
            .ForRoles(Roles.Auditor)
            .WithName("ListApiKeys")
            .WithSummary("The keys issued, without the keys themselves");

        keys.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, IDocumentSession session, TimeProvider time,
                System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            {
                if (await session.LoadAsync<ApiKey>(id, ct) is not { } key)
                {
                    return TypedResults.NotFound();
                }

                if (key.RevokedAt is null)
                {
                    session.Update(key with { RevokedAt = time.GetUtcNow(), RevokedBy = Caller.Of(user).Id });
                    await session.SaveChangesAsync(ct);
                }

                return TypedResults.NoContent();
            })
            .ForRoles()
            .WithName("RevokeApiKey")
            .WithSummary("Revoke a key: its next request is refused");

        keys.MapGet("/current", async Task<Results<Ok<ApiKeyInfo>, NotFound>> (IQuerySession session, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
                ApiKeyAuthentication.KeyIdOf(user) is { } id && await session.LoadAsync<ApiKey>(id, ct) is { } key
                    ? TypedResults.Ok(key.ToInfo())
                    : TypedResults.NotFound())
            .ForRoles(Roles.ComplaintClient)
            .WithName("GetCurrentApiKey")
            .WithSummary("The calling key: which client it belongs to and its rate limit (send it as X-Api-Key or api_key)");

        return app;
    }
}
