using System.Text.Json.Nodes;
using RedProperty.Contracts;

namespace RedProperty.Overview.Schemas;

/// <summary>
/// The JSON Schema of every public event's <c>data</c>, where each CloudEvent's <c>dataschema</c>
/// points: <c>/api/overview/schemas/{type}.json</c>. Public, like the feed's contract itself.
/// </summary>
public static class SchemasApi
{
    private static readonly IReadOnlyDictionary<string, string> Schemas = PublicEvents.Contracts.ToDictionary(
        PublicEvents.TypeOf, t => PublicJson.SchemaOf(t).ToJsonString());

    // The contracts cannot change while the service runs: built once, on the first request.
    private static readonly Lazy<string> AsyncApi = new(AsyncApiDocument.Json);

    public static IEndpointRouteBuilder MapSchemasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/overview/schemas", () => TypedResults.Ok(Schemas.Keys.Select(type => new { type, schema = $"/api/overview/schemas/{type}.json" })))
            .AllowAnonymous().WithTags("Schemas").WithName("ListSchemas").WithSummary("Every public event type and its schema's address");

        app.MapGet("/api/overview/schemas/{file}", Results<ContentHttpResult, NotFound> (string file) =>
                file.EndsWith(".json", StringComparison.Ordinal) && Schemas.TryGetValue(file[..^".json".Length], out var schema)
                    ? TypedResults.Content(schema, "application/schema+json")
                    : TypedResults.NotFound())
            .AllowAnonymous().WithTags("Schemas").WithName("GetSchema").WithSummary("The JSON Schema (2020-12) of one event type's data, e.g. cn.gov.redproperty.evaluation.complaint-filed.v1.json");
        app.MapGet("/api/overview/asyncapi.json", () => TypedResults.Text(AsyncApi.Value, "application/json"))
            .AllowAnonymous().WithTags("Schemas").WithName("GetAsyncApi").WithSummary("The AsyncAPI 3.0 document of the public feed (channels, CloudEvents envelope, data schemas)");
        return app;
    }

    /// <summary>For the AsyncAPI document and its test.</summary>
    public static JsonObject SchemaOf(string type) => JsonNode.Parse(Schemas[type])!.AsObject();
}
