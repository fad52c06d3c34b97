using System.Text.Json;
using System.Text.Json.Nodes;
using RedProperty.Contracts;

namespace RedProperty.Overview.Schemas;

/// <summary>
/// The AsyncAPI 3.0 document of the public feed, built from the contracts themselves: one channel per
/// CloudEvents type (its address is the routing key on <see cref="PublicEvents.Exchange"/>), its message
/// the CloudEvents envelope whose <c>data</c> is the contract's public schema. The repository keeps the
/// generated file (<see cref="RepositoryPath"/>); a test fails when it and the contracts disagree.
/// </summary>
public static class AsyncApiDocument
{
    public const string RepositoryPath = "src/RedProperty.Contracts/public-feed.asyncapi.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json() => Build().ToJsonString(Indented) + "\n";

    /// <summary>The key of a type's channel, message and schemas: <c>evaluation-complaint-filed-v1</c>.</summary>
    public static string KeyOf(string type) => type[PublicEvents.TypePrefix.Length..].Replace("redproperty.", "", StringComparison.Ordinal).Replace('.', '-');

    public static JsonObject Build()
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject { ["CloudEvent"] = Envelope() };
        foreach (var contract in PublicEvents.Contracts)
        {
            var type = PublicEvents.TypeOf(contract);
            var key = KeyOf(type);
            var data = PublicJson.SchemaOf(contract);
            data.Remove("$schema");
            data.Remove("$id");
            schemas[$"{key}-data"] = data;
            messages[key] = new JsonObject
            {
                ["name"] = type,
                ["title"] = contract.Name,
                ["summary"] = $"{contract.Name} ({PublicEvents.ServiceOf(type)}), version {type[(type.LastIndexOf(".v", StringComparison.Ordinal) + 2)..]}",
                ["contentType"] = PublicJson.CloudEventsContentType,
                ["payload"] = new JsonObject
                {
                    ["allOf"] = new JsonArray(
                        new JsonObject { ["$ref"] = "#/components/schemas/CloudEvent" },
                        new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                ["type"] = new JsonObject { ["const"] = type },
                                ["source"] = new JsonObject { ["const"] = $"/redproperty/{PublicEvents.ServiceOf(type)}" },
                                ["data"] = new JsonObject { ["$ref"] = $"#/components/schemas/{key}-data" },
                            },
                        }),
                },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject { ["contentEncoding"] = "utf-8", ["messageType"] = type, ["bindingVersion"] = "0.3.0" },
                },
            };
            channels[key] = new JsonObject
            {
                ["address"] = type,
                ["title"] = contract.Name,
                ["messages"] = new JsonObject { [key] = new JsonObject { ["$ref"] = $"#/components/messages/{key}" } },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = PublicEvents.Exchange, ["type"] = "topic", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations[$"receive-{key}"] = new JsonObject
            {
                ["action"] = "receive",
                ["title"] = $"Receive {contract.Name}",
                ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{key}" },
                ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{key}/messages/{key}" }),
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "RedProperty public event feed (麦积区红色物业公共事件)",
                ["version"] = "1.0.0",
                ["description"] = "Every integration event of the Maiji District \"Red Property\" services as a CloudEvents 1.0 structured-mode JSON message "
                    + $"on the durable topic exchange `{PublicEvents.Exchange}`. The routing key is the CloudEvents `type` (cn.gov.redproperty.<service>.<event>.v<N>), "
                    + "so a queue bound with `cn.gov.redproperty.evaluation.#` receives exactly Evaluation's events. `id` is stable across redeliveries "
                    + "(deduplicate on it), `subject` is the aggregate id, `dataschema` is the address of the data's JSON Schema. No personal data. "
                    + "Systems that join late or were down replay the same events from GET /api/overview/feed?after=<position>&limit=<n> "
                    + "(application/cloudevents-batch+json, integration clients).",
            },
            ["defaultContentType"] = PublicJson.CloudEventsContentType,
            ["servers"] = new JsonObject
            {
                ["district"] = new JsonObject
                {
                    ["host"] = "localhost:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The district's RabbitMQ; an integrator gets its own account with read access to the exchange.",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
    }

    private static JsonObject Envelope() => new()
    {
        ["type"] = "object",
        ["description"] = "CloudEvents 1.0 (structured mode, JSON) as the public feed sends it.",
        ["required"] = new JsonArray("specversion", "id", "type", "source", "subject", "time", "datacontenttype", "dataschema", "data"),
        ["properties"] = new JsonObject
        {
            ["specversion"] = new JsonObject { ["const"] = "1.0" },
            ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "The same on every redelivery and in the catch-up feed." },
            ["type"] = new JsonObject { ["type"] = "string", ["pattern"] = @"^cn\.gov\.redproperty\.[a-z]+\.[a-z-]+\.v[0-9]+$" },
            ["source"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference" },
            ["subject"] = new JsonObject { ["type"] = "string", ["description"] = "The aggregate (stream) id." },
            ["time"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["datacontenttype"] = new JsonObject { ["const"] = "application/json" },
            ["dataschema"] = new JsonObject { ["type"] = "string", ["format"] = "uri" },
            ["traceparent"] = new JsonObject { ["type"] = "string", ["description"] = "W3C trace context of the publishing span (distributed-tracing extension)." },
            ["sequence"] = new JsonObject { ["type"] = "string", ["description"] = "Only in the catch-up feed: the event's position in the district log." },
            ["data"] = new JsonObject { ["type"] = "object" },
        },
    };
}
