using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace RedProperty.Organization.Tests;

/// <summary>
/// Bad input generated from the service's own OpenAPI document: for every endpoint, malformed and
/// extreme bodies (each field in turn null, empty, huge, out of range, of the wrong type; lists of
/// nulls; whole bodies that are not objects, truncated, too deep or too large) and extreme query
/// and path values. Every answer must be below 500, and every refusal problem+json. Afterwards
/// every read still answers, so nothing accepted can break a ledger later.
/// </summary>
public sealed class GeneratedBadInputTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);
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
        ["", "9999-12", "9999-12-31", "0001-01-01", "0000-00", "2022-13", "-1", "0", "2147483648", "99999999999", new string('社', 2_000), "2022-06-30T12:00:00"];

    [Fact]
    public async Task Malformed_and_extreme_input_to_every_endpoint_is_never_a_5xx_and_always_problem_json()
    {
        var company = await _org.Company("天水市麦积区生成测试物业有限公司");
        var ids = new Dictionary<string, Guid>
        {
            ["companies"] = company,
            ["members"] = await _org.Member(company),
            ["branches"] = await _org.Branch("standalone", company),
            ["instructors"] = await _org.Create("/api/organization/instructors", new { name = "王建国", source = "dispatchedByIndustry", appointedOn = "2022-01-10" }),
        };
        var document = JsonNode.Parse(await _org.Http.GetStringAsync("/openapi/v1.json"))!;

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

        Assert.True(_requests > 1_000, $"only {_requests} requests were generated");
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {_requests} requests failed:\n{string.Join('\n', _failures.Take(30))}");
    }

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

        using var response = await _org.Http.SendAsync(request);
        var shown = body is null ? "" : body.Length > 200 ? body[..200] + "…" : body;
        if ((int)response.StatusCode >= 500)
        {
            _failures.Add($"{method} {path} {shown} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            _failures.Add($"{method} {path} {shown} → {(int)response.StatusCode} without problem+json ({response.Content.Headers.ContentType})");
        }
    }

    // The version of the resource a change targets, so that a body that passes validation is applied.
    private async Task<string?> CurrentETag(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 4 || !Guid.TryParse(segments[3], out _))
        {
            return null;
        }

        using var response = await _org.Http.GetAsync($"/{string.Join('/', segments.Take(4))}");
        return response.Headers.ETag?.Tag;
    }

    private static string Fill(string template, Dictionary<string, Guid> ids)
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
