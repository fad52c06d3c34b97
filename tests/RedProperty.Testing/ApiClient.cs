using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RedProperty.Testing;

/// <summary>A service's API as a test drives it: creates assert 201, changes carry If-Match and return the new version.</summary>
public class ApiClient(HttpClient client)
{
    public HttpClient Http => client;

    public async Task<Guid> Create(string path, object body)
    {
        var response = await client.SendWithinRateLimitAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> Post(string path, object body, long? ifMatch, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        return await client.SendAsync(request);
    }

    /// <summary>A change that must succeed; returns the new version.</summary>
    public async Task<long> Change(string path, object body, long ifMatch, HttpMethod? method = null)
    {
        var response = await Post(path, body, ifMatch, method);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'));
    }

    public async Task<JsonElement> Get(string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
