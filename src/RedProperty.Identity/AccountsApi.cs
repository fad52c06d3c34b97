using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Identity;

/// <param name="DisplayName">Who the system is, e.g. 麦积区12345热线.</param>
public sealed record PutSystem(string DisplayName, AccountScope Scope);

/// <param name="RedirectUris">Where the console receives the code after an operator signs in.</param>
public sealed record PutConsole(string DisplayName, IReadOnlyList<Uri> RedirectUris);

public sealed record PutOperator(string DisplayName, string Password, AccountScope Scope);

/// <summary>A system's credentials; the secret is shown only here, and kept hashed.</summary>
public sealed record SystemCredentials(string ClientId, string ClientSecret, AccountScope Scope);

public sealed class PutSystemValidator : AbstractValidator<PutSystem>
{
    public PutSystemValidator()
    {
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Scope).NotNull().SetValidator(new AccountScopeValidator());
    }
}

public sealed class PutConsoleValidator : AbstractValidator<PutConsole>
{
    public PutConsoleValidator()
    {
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.RedirectUris).NotEmpty();
        RuleForEach(r => r.RedirectUris).Must(u => u.IsAbsoluteUri && u.Scheme is "https" or "http" && string.IsNullOrEmpty(u.Fragment))
            .WithMessage("An absolute http(s) address without a fragment.");
    }
}

public sealed class PutOperatorValidator : AbstractValidator<PutOperator>
{
    public PutOperatorValidator()
    {
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Password).NotEmpty().MinimumLength(12).MaximumLength(200);
        RuleFor(r => r.Scope).NotNull().SetValidator(new AccountScopeValidator());
    }
}

/// <summary>District administrators issue and revoke systems' credentials, consoles and operators.</summary>
public static class AccountsApi
{
    private static readonly System.Text.RegularExpressions.Regex AccountName = new("^[a-z0-9][a-z0-9._-]{2,99}$");

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/identity").WithTags("Accounts").ForRoles()
            .AuditsChanges("accounts")
            .AddEndpointFilter(async (context, next) =>
            {
                foreach (var name in (string[])["clientId", "userName"])
                {
                    if (context.HttpContext.Request.RouteValues[name] is string value && !AccountName.IsMatch(value))
                    {
                        return TypedResults.ValidationProblem(
                            new Dictionary<string, string[]> { [name] = ["3–100 characters: a-z, 0-9, '.', '_', '-', starting with a letter or digit."] });
                    }
                }

                return await next(context);
            });

        accounts.MapPut("/systems/{clientId}", async Task<Ok<SystemCredentials>> (
                string clientId, PutSystem body, AccountStore store, CancellationToken ct) =>
                TypedResults.Ok(new SystemCredentials(clientId, await store.PutSystemAsync(clientId, body.DisplayName, body.Scope, null, ct), body.Scope)))
            .Validate<PutSystem>()
            .WithName("PutSystem")
            .WithSummary("Create or replace another system's client (client credentials); answers a new secret, shown once");

        accounts.MapDelete("/systems/{clientId}", async Task<Results<NoContent, NotFound>> (string clientId, AccountStore store, CancellationToken ct) =>
                await store.DeleteClientAsync(clientId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RevokeSystem")
            .WithSummary("Revoke a system's client: no new tokens");

        accounts.MapPut("/consoles/{clientId}", async Task<NoContent> (string clientId, PutConsole body, AccountStore store, CancellationToken ct) =>
            {
                await store.PutConsoleAsync(clientId, body.DisplayName, body.RedirectUris, ct);
                return TypedResults.NoContent();
            })
            .Validate<PutConsole>()
            .WithName("PutConsole")
            .WithSummary("Create or replace an operator console (public client, authorization code with PKCE)");

        accounts.MapPut("/operators/{userName}", async Task<NoContent> (string userName, PutOperator body, AccountStore store, CancellationToken ct) =>
            {
                await store.PutOperatorAsync(userName, body.DisplayName, body.Password, body.Scope, ct);
                return TypedResults.NoContent();
            })
            .Validate<PutOperator>()
            .WithName("PutOperator")
            .WithSummary("Create or replace an operator who signs in with a password");

        accounts.MapDelete("/operators/{userName}", async Task<Results<NoContent, NotFound>> (string userName, AccountStore store, CancellationToken ct) =>
                await store.DisableOperatorAsync(userName, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DisableOperator")
            .WithSummary("Disable an operator: no sign-in, no refresh");

        return app;
    }
}
