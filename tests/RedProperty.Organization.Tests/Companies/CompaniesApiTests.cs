using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Companies;

public sealed class CompaniesApiTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private const string Companies = "/api/organization/companies";
    private readonly HttpClient _client = api.Client;

    private static object NewCompany(string? creditCode = null) => new
    {
        name = "天水市麦积区红苑物业服务有限公司",
        creditCode = creditCode ?? CreditCodes.Next(),
        address = "甘肃省天水市麦积区道北街道渭滨北路",
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblemNaming(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors should name '{field}': {errors}");
    }

    [Fact]
    public async Task Registering_returns_201_with_location_etag_and_the_company_in_chinese()
    {
        var response = await _client.PostAsJsonAsync(Companies, NewCompany());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var body = await Json(response);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"{Companies}/{id}", response.Headers.Location?.OriginalString);

        var read = await _client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var company = await Json(read);
        Assert.Equal("天水市麦积区红苑物业服务有限公司", company.GetProperty("name").GetString());
        Assert.Equal("甘肃省天水市麦积区道北街道渭滨北路", company.GetProperty("address").GetString());
    }

    [Theory]
    [InlineData("91110000802100433")] // 17 characters
    [InlineData("9111000080210043IB")] // I is not allowed
    [InlineData("91110000802100433C")] // wrong check character
    [InlineData("")]
    public async Task An_invalid_credit_code_is_400_naming_creditCode(string creditCode) =>
        await AssertProblemNaming(await _client.PostAsJsonAsync(Companies, NewCompany(creditCode)), "creditCode");

    [Fact]
    public async Task A_missing_name_is_400_naming_name() =>
        await AssertProblemNaming(
            await _client.PostAsJsonAsync(Companies, new { creditCode = CreditCodes.Next(), address = "麦积区" }), "name");

    [Fact]
    public async Task Unreadable_json_is_400_problem_naming_the_field()
    {
        using var content = new StringContent("""{"name": 12, "creditCode": "x", "address": "麦积区"}""", Encoding.UTF8, "application/json");
        await AssertProblemNaming(await _client.PostAsync(Companies, content), "name");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_problem()
    {
        using var content = new StringContent("name=红苑物业", Encoding.UTF8, "text/plain");
        var response = await _client.PostAsync(Companies, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_second_company_with_the_same_credit_code_is_409_and_the_first_is_kept()
    {
        var code = CreditCodes.Next();
        var first = await _client.PostAsJsonAsync(Companies, NewCompany(code));
        var second = await _client.PostAsJsonAsync(Companies, NewCompany(code.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains(code, (await Json(second)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(first.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_company_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{Companies}/{Guid.CreateVersion7()}")).StatusCode);

    [Fact]
    public async Task Updating_with_the_current_etag_returns_the_new_details_and_version()
    {
        var created = await _client.PostAsJsonAsync(Companies, NewCompany());

        var updated = await Put(created.Headers.Location!, "\"1\"", new { name = "天水红苑物业服务有限公司", address = "甘肃省天水市麦积区花牛镇" });

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        var read = await Json(await _client.GetAsync(created.Headers.Location));
        Assert.Equal("天水红苑物业服务有限公司", read.GetProperty("name").GetString());
        Assert.Equal(2, read.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Updating_with_a_stale_etag_is_412_and_changes_nothing()
    {
        var created = await _client.PostAsJsonAsync(Companies, NewCompany());
        await Put(created.Headers.Location!, "\"1\"", new { name = "第一次更名物业公司", address = "麦积区" });

        var stale = await Put(created.Headers.Location!, "\"1\"", new { name = "第二次更名物业公司", address = "麦积区" });

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var read = await Json(await _client.GetAsync(created.Headers.Location));
        Assert.Equal("第一次更名物业公司", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Updating_without_if_match_is_428()
    {
        var created = await _client.PostAsJsonAsync(Companies, NewCompany());

        var response = await _client.PutAsJsonAsync(created.Headers.Location, new { name = "新名称物业", address = "麦积区" });

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
    }

    [Fact]
    public async Task Updating_an_unknown_company_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound,
            (await Put(new Uri($"{Companies}/{Guid.CreateVersion7()}", UriKind.Relative), "\"1\"", new { name = "某物业", address = "麦积区" })).StatusCode);

    [Fact]
    public async Task Updating_with_an_empty_name_is_400_naming_name()
    {
        var created = await _client.PostAsJsonAsync(Companies, NewCompany());
        await AssertProblemNaming(await Put(created.Headers.Location!, "\"1\"", new { name = "", address = "麦积区" }), "name");
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_replays_the_first_response_and_creates_one_company()
    {
        var body = NewCompany();
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKey(key, body);
        var replay = await PostWithKey(key, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_create_one_company()
    {
        var body = NewCompany();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostWithKey(key, body)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)r.StatusCode}"));
        var locations = responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Headers.Location).Distinct().ToList();
        Assert.Single(locations);
        var replay = await PostWithKey(key, body);
        Assert.Equal(locations[0], replay.Headers.Location);
    }

    [Fact]
    public async Task Health_reports_the_database_the_broker_and_the_event_store_daemon()
    {
        var health = await Json(await _client.GetAsync("/health"));
        var entries = health.GetProperty("entries");

        Assert.True(entries.TryGetProperty("PostgreSql", out _));
        Assert.True(entries.TryGetProperty("masstransit-bus", out _));
        Assert.Equal("Healthy", entries.GetProperty("event-store-daemon").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostWithKey(key, NewCompany());

        var other = await PostWithKey(key, NewCompany());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_company_endpoints()
    {
        var document = await Json(await _client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty(Companies, out var collection) && collection.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty($"{Companies}/{{id}}", out var item) && item.TryGetProperty("put", out _) && item.TryGetProperty("get", out _));
        var example = document.GetProperty("components").GetProperty("schemas").GetProperty("RegisterCompany").GetProperty("examples")[0];
        Assert.Equal("天水市麦积区红苑物业服务有限公司", example.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_request_body_in_the_openapi_document_has_an_example()
    {
        var document = await Json(await _client.GetAsync("/openapi/v1.json"));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var bodies = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Where(o => o.Value.TryGetProperty("requestBody", out _))
            .Select(o => o.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1])
            .Distinct()
            .ToList();

        Assert.True(bodies.Count >= 15, $"only {bodies.Count} request bodies");
        Assert.All(bodies, name => Assert.True(schemas.GetProperty(name).TryGetProperty("examples", out _), $"{name} has no example"));
    }

    private async Task<HttpResponseMessage> PostWithKey(string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Companies) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> Put(Uri location, string etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await _client.SendAsync(request);
    }
}
