using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RedProperty.Evaluation.Hotline;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Complaints;

/// <summary>The 12345 hotline's side of the callbacks: a real HTTP endpoint that records what it gets and answers as told.</summary>
public sealed class HotlineReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HotlineReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Signature, string Delivery, string Body)> Received { get; } = new();

    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public string Url => $"{_app.Urls.First()}/work-orders/callbacks";

    public static async Task<HotlineReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HotlineReceiver(app);
        app.MapPost("/work-orders/callbacks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            receiver.Received.Enqueue((request.Headers[HotlineSignature.Header].ToString(), request.Headers[HotlineSignature.DeliveryHeader].ToString(), await reader.ReadToEndAsync()));
            return Results.StatusCode((int)receiver.Answer);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class HotlineCallbackFixture : ComplaintsFixture
{
    public const string Secret = "hotline-callback-test-secret-0123456789";

    public HotlineReceiver Receiver { get; private set; } = null!;

    protected override IEnumerable<(string Key, string? Value)> Settings =>
        [("Hotline:CallbackUrl", Receiver.Url), ("Hotline:CallbackSecret", Secret), ("Hotline:CallbackAttempts", "3"), ("Hotline:CallbackCheckEvery", "40.00:00:00")];

    public override async Task InitializeAsync()
    {
        Receiver = await HotlineReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

public sealed class HotlineCallbackTests(HotlineCallbackFixture fixture) : IClassFixture<HotlineCallbackFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task Status_changes_of_a_hotline_complaint_go_back_signed_in_order_and_are_retried_until_taken()
    {
        var (id, number) = await HotlineComplaintAsync();
        var path = $"/api/evaluation/complaints/{id}";
        var version = await Admin.Change($"{path}/acceptance", new { note = "属实" }, 1);
        version = await Admin.Change($"{path}/assignment", new { }, version);
        version = await Admin.Change($"{path}/resolution", new { note = "社区现场核实已清运" }, version);
        version = await Admin.Change($"{path}/satisfaction", new { score = 5, comment = "很满意" }, version);
        await Admin.Change($"{path}/closure", new { note = "回访满意，结案" }, version);
        await Eventually.True(async () => (await Queued(id)).Count == 3, what: "three callbacks queued (accepted, resolved, closed)");

        // The hotline is down: nothing is taken, and each is tried again later.
        fixture.Receiver.Answer = HttpStatusCode.ServiceUnavailable;
        Assert.Equal(0, await DeliverAsync());
        Assert.All(await Queued(id), c => Assert.False(c.DeadLettered));
        Assert.Equal(1, (await Queued(id)).Sum(c => c.Attempts)); // the work order's later updates wait behind the first

        fixture.Receiver.Answer = HttpStatusCode.OK;
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        fixture.Receiver.Received.Clear();
        Assert.Equal(3, await DeliverAsync());
        Assert.Empty(await Queued(id));

        var updates = fixture.Receiver.Received.ToList();
        Assert.Equal(["accepted", "resolved", "closed"], updates.Select(u => JsonDocument.Parse(u.Body).RootElement.GetProperty("status").GetString()!).ToArray());
        foreach (var (signature, delivery, body) in updates)
        {
            var parts = signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HotlineCallbackFixture.Secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{body}")));
            Assert.Equal(expected, parts["v1"]);
            var update = JsonDocument.Parse(body).RootElement;
            Assert.Equal(number, update.GetProperty("workOrder").GetString());
            Assert.Equal(delivery, update.GetProperty("id").GetString());
            Assert.DoesNotContain("13909381234", body);
        }

        var closed = JsonDocument.Parse(updates[2].Body).RootElement;
        Assert.Equal(5, closed.GetProperty("satisfaction").GetInt32());
        Assert.Equal("回访满意，结案", closed.GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_callback_the_hotline_keeps_refusing_is_dead_lettered_listed_and_sent_again_on_request()
    {
        var (id, _) = await HotlineComplaintAsync();
        await Admin.Change($"/api/evaluation/complaints/{id}/ruling", new { ruling = "invalid", reason = "不属物业服务范围" }, 1);
        await Eventually.True(async () => (await Queued(id)).Count == 1, what: "the ruling's callback queued");

        fixture.Receiver.Answer = HttpStatusCode.InternalServerError;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await DeliverAsync();
            fixture.Time.Advance(TimeSpan.FromHours(7));
        }

        var dead = await Admin.Get("/api/evaluation/hotline/callbacks?deadLettered=true");
        var letter = dead.EnumerateArray().Single(c => c.GetProperty("update").GetProperty("complaintId").GetGuid() == id);
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.Equal("ruledInvalid", letter.GetProperty("update").GetProperty("status").GetString());
        Assert.StartsWith("500", letter.GetProperty("lastError").GetString());

        fixture.Receiver.Answer = HttpStatusCode.OK;
        var callbackId = letter.GetProperty("id").GetGuid();
        var redelivery = await Admin.Http.PostAsync($"/api/evaluation/hotline/callbacks/{callbackId}/redelivery", null);
        Assert.Equal(HttpStatusCode.NoContent, redelivery.StatusCode);
        await DeliverAsync();
        Assert.Empty(await Queued(id));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.Http.PostAsync($"/api/evaluation/hotline/callbacks/{callbackId}/redelivery", null)).StatusCode);
    }

    [Fact]
    public async Task Complaints_from_other_sources_are_not_called_back()
    {
        var id = await fixture.File();
        await Admin.Change($"/api/evaluation/complaints/{id}/acceptance", new { }, 1);
        var (hotline, _) = await HotlineComplaintAsync();
        await Admin.Change($"/api/evaluation/complaints/{hotline}/acceptance", new { }, 1);

        // The later hotline change queued means the daemon has passed the earlier one.
        await Eventually.True(async () => (await Queued(hotline)).Count == 1, what: "the hotline complaint's callback");
        Assert.Empty(await Queued(id));
    }

    private async Task<(Guid Id, string Number)> HotlineComplaintAsync()
    {
        var number = $"GD{Guid.NewGuid():N}"[..18];
        var id = await Admin.Create("/api/evaluation/complaints", new
        {
            serviceCode = "sanitation",
            description = "5号楼楼道垃圾三天无人清运",
            estateId = fixture.JinxiuGarden,
            complainant = new { name = "李秀英", phone = "13909381234" },
            workOrder = new { number, receivedAt = fixture.Time.GetUtcNow().AddHours(-3), source = "hotline", category = "城乡建设/物业管理/环境卫生" },
        });
        return (id, number);
    }

    private async Task<IReadOnlyList<HotlineCallback>> Queued(Guid complaint)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<HotlineCallback>().Where(c => c.Update.ComplaintId == complaint).ToListAsync();
    }

    private Task<int> DeliverAsync() => DeliverHotlineCallbacks.DeliverDueAsync(
        fixture.Host.Services.GetRequiredService<IDocumentStore>(), fixture.Host.Services.GetRequiredService<HotlineCallbackSender>(),
        fixture.Host.Services.GetRequiredService<HotlineCallbackSettings>(), fixture.Time.GetUtcNow(), NullLogger.Instance, CancellationToken.None);
}
