using System.Net;
using System.Text.Json;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Hosting;
using RedProperty.BuildingBlocks.Observability;
using RedProperty.Overview.DistrictLog;

namespace RedProperty.Overview.Tests;

/// <summary>
/// The event store's health check judges what each role runs: the Overview writes its log inline and
/// runs no high-water agent, so a long log is no fault there; where a daemon should run, a mark that
/// stalls behind the log still is.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private const int PastTheAllowedLag = 1_500;
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("overview-health");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_overview_is_healthy_with_a_district_log_past_a_thousand_events()
    {
        var overview = _system.Start<OverviewService>();
        await overview.ConsumersReadyAsync();
        var store = overview.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            var data = JsonSerializer.SerializeToElement(new { companyId = Guid.NewGuid(), name = "天水市麦积区健康检查物业服务有限公司" });
            for (var i = 0; i < PastTheAllowedLag; i++)
            {
                var id = Guid.CreateVersion7().ToString();
                session.Events.Append(StreamIds.Named($"district-log/{id}"), new DistrictEventLogged(
                    id, "cn.gov.redproperty.test.health-checked.v1", "/redproperty/test", id, DateTimeOffset.UtcNow, null, null, data, DateTimeOffset.UtcNow));
            }

            await session.SaveChangesAsync();
        }

        using var response = await overview.CreateClient().GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var check = JsonDocument.Parse(body).RootElement.GetProperty("entries").GetProperty("event-store-daemon");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.True(check.GetProperty("data").GetProperty("eventSequence").GetInt64() >= PastTheAllowedLag, body);
    }

    [Fact]
    public async Task A_store_with_a_subscription_whose_high_water_mark_stalls_is_unhealthy()
    {
        // A forwarder's store whose daemon never runs: its high-water mark stays 0 while the log grows.
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(_system.Database);
            options.DatabaseSchemaName = "stalled";
            options.Events.DatabaseSchemaName = "stalled";
            options.Projections.Subscribe(new NoOpSubscription());
        });
        await using (var session = store.LightweightSession())
        {
            for (var i = 0; i < PastTheAllowedLag; i++)
            {
                session.Events.StartStream(Guid.CreateVersion7(), new Pinged(i));
            }

            await session.SaveChangesAsync();
        }

        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new PipelineMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var check = new EventStoreDaemonHealthCheck(store, TimeProvider.System, new ConfigurationBuilder().Build(), metrics, services);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.True(EventStoreDaemonHealthCheck.RunsDaemonAgents(store));
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("stalled", result.Description, StringComparison.Ordinal);
    }

    private sealed record Pinged(int Number);

    private sealed class NoOpSubscription : SubscriptionBase
    {
        public NoOpSubscription() => Name = "no-op";

        public override Task<IChangeListener> ProcessEventsAsync(
            EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken) =>
            Task.FromResult<IChangeListener>(NullChangeListener.Instance);
    }
}
