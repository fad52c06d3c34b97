using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>An endpoint whose body is a file (an export to import) rather than JSON.</summary>
public static class FileUploads
{
    /// <summary>
    /// Takes files of <paramref name="mediaTypes"/> up to <paramref name="maxBytes"/>, described as such in the OpenAPI
    /// document. Not <c>Accepts()</c>: its content-type constraint answers 415 while routing, before sign-in and roles.
    /// </summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder route, long maxBytes, params string[] mediaTypes) =>
        route.WithBodyLimit(maxBytes).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = mediaTypes.ToDictionary(
                    type => type, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
            };
            return Task.CompletedTask;
        });
}
