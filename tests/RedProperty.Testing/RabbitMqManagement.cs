using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RedProperty.Testing;

public sealed record QueueState(string Name, int Messages, int Consumers);

public sealed record QueuedMessage(string Payload, IReadOnlyDictionary<string, JsonElement> Headers);

/// <summary>The broker's management HTTP API: virtual hosts for isolation, queues for assertions.</summary>
public sealed class RabbitMqManagement
{
    private readonly HttpClient _http;
    private readonly string _user;

    public RabbitMqManagement(Uri baseAddress, string userInfo)
    {
        _user = Uri.UnescapeDataString(userInfo.Split(':')[0]);
        _http = new HttpClient { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))));
    }

    public async Task CreateVirtualHostAsync(string virtualHost)
    {
        var vhost = Uri.EscapeDataString(virtualHost);
        (await _http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(_user)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        // As the AppHost does for the broker it runs: unroutable publishes are parked, not dropped.
        await RedProperty.BuildingBlocks.Topology.UnroutedParking.ApplyAsync(_http, virtualHost, CancellationToken.None);
    }

    /// <summary>A broker account of its own (as the AppHost makes one per service) with every right on <paramref name="virtualHost"/>.</summary>
    public async Task CreateUserAsync(string virtualHost, string user, string password)
    {
        (await _http.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(user)}", new { password, tags = "" })).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"api/permissions/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    /// <summary>What a consumer outside .NET would do: its own durable queue bound to a contract's fanout exchange.</summary>
    /// <param name="arguments">The queue's own arguments (x-max-length, x-overflow …).</param>
    public async Task BindQueueAsync(string virtualHost, string exchange, string queue, IReadOnlyDictionary<string, object>? arguments = null)
    {
        var vhost = Uri.EscapeDataString(virtualHost);
        (await _http.PutAsJsonAsync($"api/exchanges/{vhost}/{Uri.EscapeDataString(exchange)}",
            new { type = "fanout", durable = true, auto_delete = false })).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"api/queues/{vhost}/{Uri.EscapeDataString(queue)}",
            new { durable = true, arguments = arguments ?? new Dictionary<string, object>() })).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync($"api/bindings/{vhost}/e/{Uri.EscapeDataString(exchange)}/q/{Uri.EscapeDataString(queue)}",
            new { routing_key = "" })).EnsureSuccessStatusCode();
    }

    public async Task DeleteQueueAsync(string virtualHost, string queue) =>
        (await _http.DeleteAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}")).EnsureSuccessStatusCode();

    /// <summary>The names of the client connections to <paramref name="virtualHost"/> (a reconnect has a new one).</summary>
    public async Task<IReadOnlySet<string>> ConnectionsAsync(string virtualHost) =>
        (await _http.GetFromJsonAsync<JsonElement>($"api/vhosts/{Uri.EscapeDataString(virtualHost)}/connections"))
        .EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToHashSet();

    /// <summary>Closes every client connection to <paramref name="virtualHost"/>, as a network failure or a killed process would.</summary>
    public async Task<int> CloseConnectionsAsync(string virtualHost)
    {
        var connections = await _http.GetFromJsonAsync<JsonElement>($"api/vhosts/{Uri.EscapeDataString(virtualHost)}/connections");
        var closed = 0;
        foreach (var connection in connections.EnumerateArray())
        {
            var name = connection.GetProperty("name").GetString()!;
            (await _http.DeleteAsync($"api/connections/{Uri.EscapeDataString(name)}")).EnsureSuccessStatusCode();
            closed++;
        }

        return closed;
    }

    public async Task<QueueState?> GetQueueAsync(string virtualHost, string queue)
    {
        using var response = await _http.GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new QueueState(
            queue,
            json.TryGetProperty("messages", out var messages) ? messages.GetInt32() : 0,
            json.TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0);
    }

    /// <summary>Reads messages without taking them off the queue.</summary>
    public async Task<IReadOnlyList<QueuedMessage>> PeekAsync(string virtualHost, string queue)
    {
        using var response = await _http.PostAsJsonAsync(
            $"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}/get",
            new { count = 100, ackmode = "ack_requeue_true", encoding = "auto" });
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
        return messages.EnumerateArray()
            .Select(m => new QueuedMessage(
                m.GetProperty("payload").GetString() ?? "",
                m.GetProperty("properties").TryGetProperty("headers", out var headers)
                    ? headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.Clone())
                    : new Dictionary<string, JsonElement>()))
            .ToList();
    }
}
