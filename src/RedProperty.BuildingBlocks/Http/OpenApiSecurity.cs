using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.OpenApi;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// Declares in the OpenAPI document how to sign in (a bearer token, or OAuth 2.0 client
/// credentials at the authority's token endpoint) and, on each operation, which roles may call it.
/// </summary>
internal sealed class SecuritySchemeTransformer(IConfiguration configuration) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string OAuth2 = "oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from the identity service (deploy/token.sh <role> prints one in Development).",
        };
        document.Components.SecuritySchemes[OAuth2] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Client credentials for other systems; operators sign in at the authority.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = TokenUrl(configuration),
                    Scopes = new Dictionary<string, string> { [SignIn.Audience] = "The RedProperty API" },
                },
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var roles = context.Description.ActionDescriptor.EndpointMetadata.OfType<AllowedRoles>().LastOrDefault();
        if (roles is null)
        {
            return Task.CompletedTask;
        }

        operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : "\n\n")}Roles: {string.Join(", ", roles.Roles)}.";
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth2, context.Document)] = [SignIn.Audience] });
        return Task.CompletedTask;
    }

    /// <summary>Where to get a token: <c>Auth:TokenUrl</c>, else the authority's <c>/connect/token</c>.</summary>
    public static Uri TokenUrl(IConfiguration configuration) =>
        new(configuration["Auth:TokenUrl"] ?? $"{(configuration["Auth:Authority"] ?? "http://localhost:5080").TrimEnd('/')}/connect/token");
}
