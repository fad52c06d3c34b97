using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// Example bodies for the OpenAPI document, given as real request objects (so an example can never
/// drift from the type) and written with the API's own JSON options.
/// </summary>
public sealed class OpenApiExamples
{
    private readonly Dictionary<Type, object> _examples = [];

    public OpenApiExamples Add<T>(T example) where T : notnull
    {
        _examples[typeof(T)] = example;
        return this;
    }

    internal bool TryGet(Type type, out object example) => _examples.TryGetValue(type, out example!);
}

internal sealed class ExampleSchemaTransformer(OpenApiExamples examples, IOptions<JsonOptions> json) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (examples.TryGet(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [JsonSerializer.SerializeToNode(example, context.JsonTypeInfo.Type, json.Value.SerializerOptions)!];
        }

        return Task.CompletedTask;
    }
}
