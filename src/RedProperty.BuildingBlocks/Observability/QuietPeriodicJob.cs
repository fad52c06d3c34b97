using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace RedProperty.BuildingBlocks.Observability;

/// <summary>
/// Work a service does on its own every <see cref="Interval"/> of the injected clock (a pass at start,
/// then on each tick): housekeeping, polls, deadlines passing. A pass runs with instrumentation
/// suppressed, so these polls never fill the traces operators read; a failed pass is logged and the
/// next tick tries again.
/// </summary>
public abstract class QuietPeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time => time;

    /// <summary>How often a pass runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a pass does, for the log line when it fails.</summary>
    protected abstract string Work { get; }

    /// <summary>How loudly a failed pass is logged (a poll whose failure a health check reports already: lower).</summary>
    protected virtual LogLevel FailureLevel => LogLevel.Warning;

    protected abstract Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this instance runs the pass now: a lease held for the pass (disposed after it), or null
    /// to skip it (another instance is running it). Every pass runs by default.
    /// </summary>
    protected virtual Task<IAsyncDisposable?> EnterPassAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(NoLease.Instance);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                using var quiet = SuppressInstrumentationScope.Begin();
                await using var lease = await EnterPassAsync(stoppingToken);
                if (lease is not null)
                {
                    await RunAsync(time.GetUtcNow(), stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.Log(FailureLevel, ex, "{Work} failed; trying again in {Interval}", Work, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
