using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// Reads <see cref="PipelineProgress"/> every few seconds into the forwarder lag gauges. The reads
/// run with instrumentation suppressed: a poll every few seconds must not fill the operators' traces.
/// </summary>
public sealed class PipelineMonitor(
    IDocumentStore store, TimeProvider time, PipelineMetrics metrics, IConfiguration configuration, IServiceProvider services, ILogger<PipelineMonitor> logger)
    : QuietPeriodicJob(time, logger)
{
    protected override TimeSpan Interval { get; } = configuration.GetValue("Messaging:MonitorInterval", TimeSpan.FromSeconds(5));

    protected override string Work => "Reading the pipeline's progress";

    // The database may be away; the health check reports that, the gauges keep their last value.
    protected override LogLevel FailureLevel => LogLevel.Debug;

    protected override async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var progress = await PipelineProgress.ReadAsync(store, Time, services.GetService(typeof(IntegrationEventMap)) is not null, cancellationToken);
        metrics.Lag(progress.ForwarderLag, progress.OldestUnforwardedAge);
    }
}
