using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RedProperty.Identity;

/// <summary>
/// Systems (confidential clients with client credentials), operator consoles (public clients that
/// sign operators in with a code and PKCE) and operators. OpenIddict keeps the clients with their
/// secrets hashed; an operator's password is hashed with ASP.NET Core's password hasher.
/// </summary>
public sealed class AccountStore(IOpenIddictApplicationManager applications, IdentityDb db, IPasswordHasher<Operator> hasher, TimeProvider time)
{
    /// <summary>Creates or replaces a system's client; returns its new secret (shown once, stored hashed).</summary>
    public async Task<string> PutSystemAsync(string clientId, string displayName, AccountScope scope, string? secret, CancellationToken ct)
    {
        await RequireNoOperatorAsync(clientId, ct);
        secret ??= System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + BuildingBlocks.Security.SignIn.Audience },
        };
        descriptor.Properties[AccountScope.PropertyName] = scope.ToProperty();
        await ReplaceAsync(clientId, descriptor, ct);
        return secret;
    }

    /// <summary>Creates or replaces an operator console: a public client, code flow with PKCE, to these redirect addresses.</summary>
    public async Task PutConsoleAsync(string clientId, string displayName, IReadOnlyList<Uri> redirectUris, CancellationToken ct)
    {
        await RequireNoOperatorAsync(clientId, ct);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = ClientTypes.Public,
            DisplayName = displayName,
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles, Permissions.Prefixes.Scope + BuildingBlocks.Security.SignIn.Audience,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        await ReplaceAsync(clientId, descriptor, ct);
    }

    /// <summary>Revokes a client: it can get no new token (tokens already issued expire on their own).</summary>
    public async Task<bool> DeleteClientAsync(string clientId, CancellationToken ct)
    {
        if (await applications.FindByClientIdAsync(clientId, ct) is not { } existing)
        {
            return false;
        }

        await applications.DeleteAsync(existing, ct);
        return true;
    }

    public async Task<AccountScope?> ScopeOfClientAsync(string clientId, CancellationToken ct)
    {
        if (await applications.FindByClientIdAsync(clientId, ct) is not { } application)
        {
            return null;
        }

        var properties = await applications.GetPropertiesAsync(application, ct);
        return properties.TryGetValue(AccountScope.PropertyName, out var property) ? AccountScope.FromProperty(property) : null;
    }

    // One namespace for clients and operators: every service keys idempotency records, rate buckets and audit
    // entries by the account's name, so a system and an operator must never share one.
    private async Task RequireNoOperatorAsync(string clientId, CancellationToken ct)
    {
        if (await OperatorExistsAsync(clientId, ct))
        {
            throw new BuildingBlocks.DomainException($"An operator is named '{clientId}'; a client needs a name of its own.");
        }
    }

    public async Task PutOperatorAsync(string userName, string displayName, string password, AccountScope scope, CancellationToken ct)
    {
        if (await applications.FindByClientIdAsync(userName, ct) is not null)
        {
            throw new BuildingBlocks.DomainException($"A client is named '{userName}'; an operator needs a name of their own.");
        }

        var existing = await db.Operators.FindAsync([userName], ct);
        var account = existing ?? new Operator { UserName = userName, DisplayName = displayName, PasswordHash = "", Scope = scope };
        account.DisplayName = displayName;
        account.Scope = scope;
        account.DisabledAt = null;
        account.PasswordHash = hasher.HashPassword(account, password);
        if (existing is null)
        {
            db.Operators.Add(account);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Disables an operator: no new sign-in, and refresh tokens stop working.</summary>
    public async Task<bool> DisableOperatorAsync(string userName, CancellationToken ct)
    {
        if (await db.Operators.FindAsync([userName], ct) is not { } account)
        {
            return false;
        }

        account.DisabledAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Operator?> ActiveOperatorAsync(string userName, CancellationToken ct) =>
        await db.Operators.AsNoTracking().SingleOrDefaultAsync(o => o.UserName == userName && o.DisabledAt == null, ct);

    /// <summary>The operator, if the password is right; rehashes when the hasher asks for it.</summary>
    public async Task<Operator?> CheckPasswordAsync(string userName, string password, CancellationToken ct)
    {
        if (await db.Operators.FindAsync([userName], ct) is not { DisabledAt: null } account)
        {
            return null;
        }

        switch (hasher.VerifyHashedPassword(account, account.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return account;
            case PasswordVerificationResult.SuccessRehashNeeded:
                account.PasswordHash = hasher.HashPassword(account, password);
                await db.SaveChangesAsync(ct);
                return account;
            default:
                return null;
        }
    }

    public Task<bool> OperatorExistsAsync(string userName, CancellationToken ct) => db.Operators.AnyAsync(o => o.UserName == userName, ct);

    /// <summary>Whether <paramref name="password"/> is the operator's, enabled or not (no rehash).</summary>
    public async Task<bool> HasPasswordAsync(string userName, string password, CancellationToken ct) =>
        await db.Operators.AsNoTracking().SingleOrDefaultAsync(o => o.UserName == userName, ct) is { } account
        && hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    private async Task ReplaceAsync(string clientId, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        if (await applications.FindByClientIdAsync(clientId, ct) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, ct);
        }
        else
        {
            await applications.CreateAsync(descriptor, ct);
        }
    }
}

/// <summary>
/// Outside Development: the operator <c>admin</c>, a district admin, with the password the deployment
/// gives (<c>Identity:Administrator:Password</c>), so the first sign-in needs no development account.
/// Created when missing; one that still has the development secret (a store first used in Development)
/// takes the new password; one with a password of its own is left as its operators keep it.
/// </summary>
internal static class FirstAdministrator
{
    public const string UserName = "admin";

    public static async Task EnsureAsync(IServiceProvider services, string? password, ILogger logger)
    {
        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        var store = services.GetRequiredService<AccountStore>();
        if (!await store.OperatorExistsAsync(UserName, CancellationToken.None) || await store.HasPasswordAsync(UserName, IdentityService.DevelopmentSecret, CancellationToken.None))
        {
            await store.PutOperatorAsync(UserName, "区级管理员", password,
                new AccountScope([BuildingBlocks.Security.Roles.DistrictAdmin]), CancellationToken.None);
            logger.LogWarning("Set the password of the first district administrator {Operator} from configuration", UserName);
        }
    }
}

/// <summary>Development only: a client per unscoped role (<c>dev-&lt;role&gt;</c>) and an operator <c>admin</c>,
/// all with the secret <see cref="IdentityService.DevelopmentSecret"/>.</summary>
internal static class DevelopmentAccounts
{
    private const string Operator = FirstAdministrator.UserName;

    private static readonly string[] Unscoped = [BuildingBlocks.Security.Roles.DistrictAdmin, BuildingBlocks.Security.Roles.Inspector,
        BuildingBlocks.Security.Roles.Auditor, BuildingBlocks.Security.Roles.IntegrationClient];

    /// <summary>
    /// Outside Development: revokes the <c>dev-&lt;role&gt;</c> clients and disables the operator
    /// <c>admin</c> while its password is still the development secret (an operator of that name with a
    /// password of its own stays).
    /// </summary>
    public static async Task RemoveAsync(IServiceProvider services, ILogger logger)
    {
        var store = services.GetRequiredService<AccountStore>();
        foreach (var role in Unscoped)
        {
            if (await store.DeleteClientAsync($"dev-{role}", CancellationToken.None))
            {
                logger.LogWarning("Revoked the development client dev-{Role} (outside Development)", role);
            }
        }

        if (await store.CheckPasswordAsync(Operator, IdentityService.DevelopmentSecret, CancellationToken.None) is not null
            && await store.DisableOperatorAsync(Operator, CancellationToken.None))
        {
            logger.LogWarning("Disabled the development operator {Operator} (outside Development)", Operator);
        }
    }

    public static async Task EnsureAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<AccountStore>();
        foreach (var role in Unscoped)
        {
            if (await store.ScopeOfClientAsync($"dev-{role}", CancellationToken.None) is null)
            {
                await store.PutSystemAsync($"dev-{role}", $"Development {role}", new AccountScope([role]), IdentityService.DevelopmentSecret, CancellationToken.None);
            }
        }

        if (await store.ActiveOperatorAsync(Operator, CancellationToken.None) is null)
        {
            await store.PutOperatorAsync(Operator, "开发环境管理员", IdentityService.DevelopmentSecret,
                new AccountScope([BuildingBlocks.Security.Roles.DistrictAdmin]), CancellationToken.None);
        }
    }
}
