using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace RedProperty.BuildingBlocks.Observability;

/// <summary>
/// Reads <see cref="PipelineProgress"/> every few seconds into the forwarder lag gauges. The reads
/// run with instrumentation suppressed: a poll every few seconds must not fill the operators' traces.
/// </summary>
public sealed class PipelineMonitor(
    IDocumentStore store, TimeProvider time, PipelineMetrics metrics, IConfiguration configuration, IServiceProvider services, ILogger<PipelineMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Messaging:MonitorInterval", TimeSpan.FromSeconds(5));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                using var quiet = SuppressInstrumentationScope.Begin();
                var progress = await PipelineProgress.ReadAsync(store, time, services.GetService(typeof(IntegrationEventMap)) is not null, stoppingToken);
                metrics.Lag(progress.ForwarderLag, progress.OldestUnforwardedAge);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away; the health check reports that, the gauges keep their last value.
                logger.LogDebug(ex, "Reading the pipeline's progress failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
