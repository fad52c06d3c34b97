using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace RedProperty.Testing;

/// <summary>
/// Bad input generated from a service's own OpenAPI document: for every endpoint, malformed and
/// extreme bodies (each field in turn null, empty, huge, out of range, of the wrong type; lists of
/// nulls; whole bodies that are not objects, truncated, too deep or too large) and extreme query
/// and path values; each text field in turn holding a control character, which must be a 400 naming
/// the field. Every answer must be below 500, and every refusal problem+json (Open311's own
/// error list on its routes). Afterwards every read still answers, so nothing accepted can break a
/// read later.
/// </summary>
/// <param name="ids">Existing resources by the path segment before their id (e.g. <c>companies</c>).</param>
public sealed class GeneratedBadInput(HttpClient client, IReadOnlyDictionary<string, Guid> ids)
{
    private readonly List<string> _failures = [];
    private int _requests;

    private static readonly JsonNode?[] ExtremeValues =
    [
        null, "", " ", new string('麦', 5_000), "not-a-guid", "9999-12-31", "0001-01-01", "2022-02-30",
        0, -1, 2_147_483_647, 2_147_483_648, -2_147_483_649, 1e308, 0.5, true,
        new JsonArray(), new JsonArray((JsonNode?)null), new JsonArray(new string('渭', 300)), new JsonObject(),
    ];

    private static readonly string[] WholeBodies =
    [
        "null", "[]", "\"红色物业\"", "{}", "{\"name\":", "{\"name\":\"\\uD800\"}",
        new string('[', 5_000) + new string(']', 5_000),
        "{\"x\":\"" + new string('a', 300 * 1024) + "\"}",
    ];

    private static readonly string[] ExtremeQueryValues =
        ["", "9999-12", "9999-12-31", "0001-01-01", "0000-00", "2022-13", "-1", "0", "2147483648", "99999999999", new string('社', 2_000), "2022-06-30T12:00:00",
         "２０２２Q２", "２０２２-０６", "２０２２-０６-３０"]; // full-width digits, as a Chinese input method types them

    /// <summary>Sends every generated request and fails with every request that failed (or when too few were generated to mean anything).</summary>
    public async Task AssertNoFailuresAsync()
    {
        var (requests, failures) = await RunAsync();
        Assert.True(requests > 1_000, $"only {requests} requests were generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests failed:\n{string.Join('\n', failures.Take(30))}");
    }

    /// <summary>Sends every generated request; returns how many, and every one that failed.</summary>
    public async Task<(int Requests, IReadOnlyList<string> Failures)> RunAsync()
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        foreach (var (template, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var path = Fill(template, ids);
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
                {
                    var example = Resolve(schema, document)["examples"]?[0] ?? new JsonObject();
                    foreach (var body in Mutations(example, Resolve(schema, document), document))
                    {
                        await Check(method, path, body);
                    }

                    foreach (var body in WholeBodies)
                    {
                        await Check(method, path, body);
                    }

                    foreach (var (field, body) in WithEachText(example, text => text + "\u0001"))
                    {
                        await CheckRefused(method, path, body, field);
                    }
                }

                foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                {
                    var name = parameter!["name"]!.GetValue<string>();
                    foreach (var value in ExtremeQueryValues)
                    {
                        var target = parameter["in"]!.GetValue<string>() switch
                        {
                            "query" => $"{path}?{name}={Uri.EscapeDataString(value)}",
                            "path" when name != "id" => template.Replace($"{{{name}}}", Uri.EscapeDataString(value), StringComparison.Ordinal),
                            _ => null,
                        };
                        if (target is not null)
                        {
                            await Check(method, Fill(target, ids), method is "get" ? null : "{}");
                        }
                    }
                }
            }
        }

        // Whatever was accepted above must not break a read afterwards (e.g. a sum that overflows a ledger).
        foreach (var (template, operations) in document["paths"]!.AsObject())
        {
            if (operations!.AsObject().ContainsKey("get"))
            {
                await Check("get", Fill(template, ids), null);
            }
        }

        return (_requests, _failures);
    }

    /// <summary>A name, a mainland mobile number, an e-mail address and an ID number (of county 620599, which no county has), as staff might type them.</summary>
    public const string PersonalText = "王建国 13893800123 wangjg@example.cn 620599198507150026";

    /// <summary>What of <see cref="PersonalText"/> must never reach the public exchange (a name alone cannot be told from other text).</summary>
    public static readonly string[] PersonalPatterns = ["13893800123", "wangjg@example.cn", "620599198507150026"];

    /// <summary>
    /// Every command (its own example body, once as it is) with each text field in turn holding <see cref="PersonalText"/> or
    /// one of its patterns (the field's text kept, so a name still names and a reason still reads); returns how many commands
    /// were sent and how many accepted.
    /// </summary>
    public async Task<(int Sent, IReadOnlyList<string> Accepted)> SendPersonalTextAsync()
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var (sent, accepted) = (0, new List<string>());
        foreach (var (template, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (method is not ("post" or "put") || operation!["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema)
                {
                    continue;
                }

                var path = Fill(template, ids);
                var example = WithKnownIds(Resolve(schema, document)["examples"]?[0] ?? new JsonObject());
                // The example as it is (so that something public is published to look at), then one pattern at a time, so that a
                // field's length limit still lets it in.
                var bodies = PersonalPatterns.Prepend(PersonalText).SelectMany(pattern => WithEachText(example, text => $"{text} {pattern}"))
                    .Prepend(("", example.ToJsonString()));
                foreach (var (_, body) in bodies)
                {
                    var etag = await CurrentETag(path);
                    using var response = await WithinRateLimit(() =>
                    {
                        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                        if (etag is not null)
                        {
                            request.Headers.TryAddWithoutValidation("If-Match", etag);
                        }

                        return request;
                    });
                    sent++;
                    if (response.IsSuccessStatusCode)
                    {
                        accepted.Add($"{method} {template}");
                    }
                }
            }
        }

        return (sent, accepted);
    }

    // The example's references (communityId, volunteerIds …) pointed at resources that exist here, so that a command can be accepted.
    private JsonNode WithKnownIds(JsonNode example)
    {
        var copy = example.DeepClone();
        Point(copy);
        return copy;

        void Point(JsonNode? node)
        {
            if (node is not JsonObject body)
            {
                return;
            }

            foreach (var (name, value) in body.ToList())
            {
                if (name.EndsWith("Id", StringComparison.Ordinal) && value is JsonValue && ids.TryGetValue(Plural(name[..^2]), out var id))
                {
                    body[name] = id.ToString();
                }
                else if (name.EndsWith("Ids", StringComparison.Ordinal) && value is JsonArray { Count: > 0 } && ids.TryGetValue(Plural(name[..^3]), out var first))
                {
                    body[name] = new JsonArray(JsonValue.Create(first.ToString()));
                }
                else if (value is JsonArray list)
                {
                    foreach (var item in list)
                    {
                        Point(item);
                    }
                }
                else
                {
                    Point(value);
                }
            }
        }

        // The resource a reference names, as the ids are keyed: partyMember → members, community → communities.
        static string Plural(string name)
        {
            var last = name.Length - 1;
            while (last > 0 && !char.IsUpper(name[last]))
            {
                last--;
            }

            var word = last > 0 ? char.ToLowerInvariant(name[last]) + name[(last + 1)..] : name;
            return word.EndsWith('y') ? word[..^1] + "ies" : word + "s";
        }
    }

    private static bool IsErrorBody(string path, string? mediaType) =>
        mediaType == "application/problem+json"
        || (path.StartsWith("/open311/", StringComparison.Ordinal) && mediaType is "application/json" or "text/xml");

    private async Task Check(string method, string path, string? body)
    {
        _requests++;
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (method is "put" or "post" && await CurrentETag(path) is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        using var response = await client.SendAsync(request);
        var shown = body is null ? "" : body.Length > 400 ? body[..400] + "…" : body;
        if ((int)response.StatusCode >= 500)
        {
            _failures.Add($"{method} {path} {shown} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else if ((int)response.StatusCode >= 400 && !IsErrorBody(path, response.Content.Headers.ContentType?.MediaType))
        {
            _failures.Add($"{method} {path} {shown} → {(int)response.StatusCode} without problem+json ({response.Content.Headers.ContentType})");
        }
    }

    // A control character in a text field is refused before anything else looks at the body, naming the field.
    private async Task CheckRefused(string method, string path, string body, string field)
    {
        _requests++;
        var etag = await CurrentETag(path);
        using var response = await WithinRateLimit(() =>
        {
            var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            // Any version will do where nothing can be read (an id that is not there): If-Match is checked before the body.
            request.Headers.TryAddWithoutValidation("If-Match", etag ?? "\"1\"");
            return request;
        });
        var answer = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest || !answer.Contains($"\"{field}\"", StringComparison.Ordinal))
        {
            _failures.Add($"{method} {path} with U+0001 in '{field}' → {(int)response.StatusCode} {(answer.Length > 300 ? answer[..300] : answer)}");
        }
    }

    private Task<HttpResponseMessage> WithinRateLimit(Func<HttpRequestMessage> request) => client.SendWithinRateLimitAsync(request);

    // The example with each text field in turn (nested objects and a list's first item included) changed by change.
    private static IEnumerable<(string Field, string Body)> WithEachText(JsonNode example, Func<string, string> change, string prefix = "")
    {
        if (example is not JsonObject body)
        {
            yield break;
        }

        foreach (var (name, value) in body.ToList())
        {
            var inner = value is JsonArray { Count: > 0 } list ? list[0] : value;
            var path = value is JsonArray ? $"{prefix}{name}[0]" : $"{prefix}{name}";
            if (inner is JsonValue text && text.TryGetValue<string>(out var current))
            {
                yield return (path, Replace(body, name, value is JsonArray, JsonValue.Create(change(current))));
            }
            else if (inner is JsonObject)
            {
                foreach (var (field, nested) in WithEachText(inner, change, path + "."))
                {
                    yield return (field, Replace(body, name, value is JsonArray, JsonNode.Parse(nested)));
                }
            }
        }
    }

    private static string Replace(JsonObject body, string name, bool first, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        if (first)
        {
            copy[name]!.AsArray()[0] = value;
        }
        else
        {
            copy[name] = value;
        }

        return copy.ToJsonString();
    }

    // The version of the resource a change targets, so that a body that passes validation is applied.
    private async Task<string?> CurrentETag(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 4 || !Guid.TryParse(segments[3], out _))
        {
            return null;
        }

        using var response = await WithinRateLimit(() => new HttpRequestMessage(HttpMethod.Get, $"/{string.Join('/', segments.Take(4))}"));
        return response.Headers.ETag?.Tag;
    }

    private static string Fill(string template, IReadOnlyDictionary<string, Guid> ids)
    {
        var segments = template.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i] == "{id}" || segments[i].StartsWith("{id:", StringComparison.Ordinal))
            {
                segments[i] = (ids.TryGetValue(segments[i - 1], out var id) ? id : Guid.CreateVersion7()).ToString();
            }
            else if (segments[i] == "{month}")
            {
                segments[i] = "2022-06";
            }
            else if (segments[i] == "{period}")
            {
                segments[i] = "2022Q2";
            }
            else if (segments[i].StartsWith('{') && segments[i].EndsWith("Id}", StringComparison.Ordinal))
            {
                segments[i] = Guid.CreateVersion7().ToString();
            }
        }

        return string.Join('/', segments);
    }

    private static JsonNode Resolve(JsonNode schema, JsonNode document) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;

    // The example with one field at a time replaced by each extreme value, nested objects and list items included.
    private static IEnumerable<string> Mutations(JsonNode example, JsonNode schema, JsonNode document, int depth = 0)
    {
        if (example is not JsonObject body || depth > 2)
        {
            yield break;
        }

        foreach (var (name, value) in body.ToList())
        {
            foreach (var extreme in ExtremeValues)
            {
                var copy = body.DeepClone().AsObject();
                copy[name] = extreme?.DeepClone();
                yield return copy.ToJsonString();
            }

            var itemSchema = schema["properties"]?[name]?["items"] is { } items ? Resolve(items, document) : null;
            if (value is JsonArray { Count: > 0 } list && list[0] is JsonObject && itemSchema is not null)
            {
                foreach (var inner in Mutations(list[0]!, itemSchema, document, depth + 1))
                {
                    var copy = body.DeepClone().AsObject();
                    copy[name]!.AsArray()[0] = JsonNode.Parse(inner);
                    yield return copy.ToJsonString();
                }
            }
            else if (value is JsonObject && schema["properties"]?[name] is { } propertySchema)
            {
                foreach (var inner in Mutations(value, Resolve(propertySchema, document), document, depth + 1))
                {
                    var copy = body.DeepClone().AsObject();
                    copy[name] = JsonNode.Parse(inner);
                    yield return copy.ToJsonString();
                }
            }
        }
    }
}
