using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RedProperty.Identity;

/// <summary>
/// The token endpoint (client credentials; code and refresh for operators), the authorization
/// endpoint and the operators' sign-in page. Roles and scope are read again on every token, so a
/// change or a disabled operator takes effect at the next refresh.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", Token).AllowAnonymous().RequireCors().ExcludeFromDescription();
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/account/login", LoginPage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/account/login", Login).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(IdentityService.SignInAttempts).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Token(HttpContext http, AccountStore accounts, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already authenticated the client against its hashed secret.
            if (await accounts.ScopeOfClientAsync(request.ClientId!, ct) is not { } scope)
            {
                return Refuse(Errors.InvalidClient, "This client has no roles.");
            }

            var principal = new ClaimsPrincipal(scope.ToIdentity(request.ClientId!, request.ClientId!));
            return SignIn(principal, request.GetScopes());
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var userName = granted.Principal?.GetClaim(Claims.Subject);
            if (userName is null || await accounts.ActiveOperatorAsync(userName, ct) is not { } account)
            {
                return Refuse(Errors.InvalidGrant, "The operator is no longer allowed to sign in.");
            }

            return SignIn(new ClaimsPrincipal(account.Scope.ToIdentity(account.UserName, account.DisplayName)), granted.Principal!.GetScopes());
        }

        return Refuse(Errors.UnsupportedGrantType, "Use client_credentials, authorization_code or refresh_token.");
    }

    private static async Task<IResult> Authorize(HttpContext http, AccountStore accounts, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var signedIn = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var userName = signedIn.Principal?.FindFirstValue(Claims.Subject);
        if (userName is null || await accounts.ActiveOperatorAsync(userName, ct) is not { } account)
        {
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = $"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}" },
                [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        return SignIn(new ClaimsPrincipal(account.Scope.ToIdentity(account.UserName, account.DisplayName)), request.GetScopes());
    }

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page(http, antiforgery, returnUrl, error: null);

    private static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery, AccountStore accounts, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync(ct);
        var returnUrl = form["returnUrl"].ToString();
        var account = await accounts.CheckPasswordAsync(form["userName"].ToString(), form["password"].ToString(), ct);
        if (account is null)
        {
            return Page(http, antiforgery, returnUrl, "用户名或密码不正确。", StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, account.UserName));
        identity.AddClaim(new Claim(Claims.Name, account.DisplayName));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        // Only back into this service (the authorization endpoint), never to an address a link supplied.
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"<p role=\"alert\" class=\"error\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>红色物业 · 登录</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{"{"}font-family:sans-serif;max-width:22rem;margin:4rem auto;color:#222{"}"}h1{"{"}color:#b71c1c{"}"}label,input,button{"{"}display:block;width:100%;margin:.4rem 0{"}"}input{"{"}padding:.5rem{"}"}button{"{"}padding:.6rem;background:#b71c1c;color:#fff;border:0{"}"}.error{"{"}color:#b71c1c{"}"}</style></head>
            <body><h1>红色物业 登录</h1>{message}
            <form method="post" action="/account/login">
            <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "")}">
            <label for="userName">用户名</label><input id="userName" name="userName" autocomplete="username" required>
            <label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">登录</button></form></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult SignIn(ClaimsPrincipal principal, IEnumerable<string> scopes)
    {
        principal.SetScopes(scopes);
        principal.SetResources(BuildingBlocks.Security.SignIn.Audience);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
