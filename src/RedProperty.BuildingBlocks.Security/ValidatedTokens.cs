using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>
/// Bearer tokens validated once per process for their lifetime. A client sends the same token with every request
/// until it expires, and checking its RSA signature costs more than the rest of a small request, twice over (the
/// gateway, then the service). Remembered by the token's SHA-256, never the token itself; at most
/// <see cref="Capacity"/>; each until the token's expiry, so a token is refused from then on as before. A signing
/// key withdrawn from the authority still validates the tokens already seen under it until they expire.
/// </summary>
public sealed class ValidatedTokens : JsonWebTokenHandler, IDisposable
{
    public const int Capacity = 20_000;

    private readonly MemoryCache _seen = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly TimeProvider _time;
    private readonly Counter<long> _validations;
    private long _signatureChecks;

    public ValidatedTokens(TimeProvider time, IMeterFactory meters)
    {
        _time = time;
        _validations = meters.Create("RedProperty").CreateCounter<long>(
            "redproperty.tokens.validated", description: "Bearer tokens validated: checked (signature verified), remembered, refused");
    }

    /// <summary>Tokens whose signature this process verified (not those it remembered).</summary>
    public long SignatureChecks => Interlocked.Read(ref _signatureChecks);

    public void Dispose() => _seen.Dispose();

    private sealed record Seen(ClaimsIdentity Identity, JsonWebToken Token, DateTimeOffset Expires);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = _time.GetUtcNow();
        if (_seen.TryGetValue(key, out Seen? seen) && now < seen!.Expires)
        {
            _validations.Add(1, new KeyValuePair<string, object?>("outcome", "remembered"));
            // A copy each time: a request's identity may be changed by what handles it.
            return new TokenValidationResult { IsValid = true, ClaimsIdentity = seen.Identity.Clone(), SecurityToken = seen.Token };
        }

        Interlocked.Increment(ref _signatureChecks);
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) is var expires && expires > now)
        {
            _seen.Set(key, new Seen(result.ClaimsIdentity.Clone(), jwt, expires), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
        }

        _validations.Add(1, new KeyValuePair<string, object?>("outcome", result.IsValid ? "checked" : "refused"));
        return result;
    }
}
