using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RedProperty.Contracts;

namespace RedProperty.Overview.Tests;

/// <summary>
/// Two instances of Overview on the district log's queue: the log keeps the order the feed delivered,
/// and a catch-up client paging by position while they write never skips an entry that commits later
/// at a lower position.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const int Events = 600;
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("overview-scale-out");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Two_instances_write_one_log_in_order_and_a_catch_up_reader_misses_nothing()
    {
        var first = _system.Start<OverviewService>();
        var second = _system.Start<OverviewService>();
        await Task.WhenAll(first.ConsumersReadyAsync(), second.ConsumersReadyAsync());
        await Eventually.True(async () => (await _system.Broker.QueueAsync("overview-district-log"))?.Consumers == 2,
            what: "both instances consuming the district log's queue");

        using var reader = first.CreateClient().WithToken(await _system.Identity.TokenAsync(BuildingBlocks.Security.Roles.IntegrationClient));
        var published = new List<string>();
        var publishing = PublishAsync(published);

        // Page by position while both write, as a catch-up client does: after = the last position seen.
        var seen = new List<(long Position, string Id)>();
        var after = 0L;
        async Task<int> ReadPageAsync()
        {
            var page = await reader.GetFromJsonAsync<JsonElement>($"/api/overview/feed?after={after}&limit=100");
            foreach (var entry in page.EnumerateArray())
            {
                after = long.Parse(entry.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                seen.Add((after, entry.GetProperty("id").GetString()!));
            }

            return page.GetArrayLength();
        }

        while (!publishing.IsCompleted)
        {
            if (await ReadPageAsync() == 0)
            {
                await Task.Delay(10); // the next poll of a client at the head of the log
            }
        }

        await Eventually.True(async () => (await reader.GetFromJsonAsync<JsonElement>("/api/overview/feed?after=0&limit=1000")).GetArrayLength() >= Events,
            what: "every event in the log");
        while (await ReadPageAsync() > 0)
        {
        }

        await publishing;
        // Every entry once, in the order the feed delivered them (one instance consumes at a time).
        Assert.Equal(published, seen.Select(e => e.Id));
        Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
        Assert.Equal(seen.Count, seen.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task An_empty_log_queue_of_an_earlier_version_is_declared_again_with_a_single_active_consumer()
    {
        await using var connection = await Broker.ConnectAsync(_system.Broker.ConnectionUri, "overview-earlier-queue", CancellationToken.None);
        await using (var earlier = await connection.CreateChannelAsync())
        {
            await earlier.QueueDeclareAsync("overview-district-log", durable: true, exclusive: false, autoDelete: false);
        }

        var overview = _system.Start<OverviewService>();
        await overview.ConsumersReadyAsync();

        await using var check = await connection.CreateChannelAsync();
        // Declaring it with the argument succeeds only if the queue has it now (otherwise 406).
        await check.QueueDeclareAsync("overview-district-log", durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-single-active-consumer"] = true });
    }

    private async Task PublishAsync(List<string> published)
    {
        await using var connection = await Broker.ConnectAsync(_system.Broker.ConnectionUri, "overview-scale-out-publisher", CancellationToken.None);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        const string type = "cn.gov.redproperty.volunteering.volunteer-team-formed.v1";
        for (var i = 0; i < Events; i++)
        {
            var id = Guid.CreateVersion7().ToString();
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["specversion"] = "1.0",
                ["id"] = id,
                ["type"] = type,
                ["source"] = "/redproperty/volunteering",
                ["subject"] = Guid.CreateVersion7(),
                ["time"] = "2025-05-01T09:00:00+08:00",
                ["datacontenttype"] = "application/json",
                ["data"] = new { teamId = Guid.CreateVersion7(), communityId = Guid.CreateVersion7(), name = $"道北街道第{i + 1}志愿服务队", formedOn = "2025-05-01", recordedAt = "2025-05-01T09:00:00+08:00" },
            });
            await channel.BasicPublishAsync(PublicEvents.Exchange, type, false,
                new BasicProperties { ContentType = "application/cloudevents+json", MessageId = id, Persistent = true, UserId = _system.Broker.SharedAccount }, body);
            published.Add(id);
        }
    }
}
