using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// A service's own step after its projections replay: the Overview folds its figures from the district log.
/// </summary>
public interface IRebuildStep
{
    string Name { get; }

    /// <summary>Rebuilds, and returns how many entries it went through.</summary>
    Task<long> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The rebuild step: with <c>EventStore:Rebuild</c> set (<c>all</c>, or projection names separated by commas) the
/// service replays its event store into those read models, logs its progress every few seconds and its rate at the
/// end, and exits instead of serving. Run it while the service is stopped (its daemon would apply the same events
/// twice): <c>deploy/run.sh Rebuild=evaluation</c> locally, a one-off Job in Kubernetes (docs/operations.md).
/// The outgoing subscription is never replayed: consumers got its events once.
/// </summary>
public static class ProjectionRebuild
{
    public const string Key = "EventStore:Rebuild";

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(3);

    public static string? Requested(IConfiguration configuration) => configuration[Key] is { Length: > 0 } which ? which.Trim() : null;

    /// <summary>The projections a rebuild can replay: every one but live aggregations.</summary>
    public static IReadOnlyList<string> Projections(IDocumentStore store) =>
        [.. ((DocumentStore)store).Options.Projections.All.Where(p => p.Lifecycle != ProjectionLifecycle.Live).Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>Rebuilds what <paramref name="which"/> names, logging each projection's time and rate.</summary>
    public static async Task RunAsync(IServiceProvider services, string which, ILogger logger, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        // How long one projection may take: years of a city's events replay in minutes here, not in hours.
        var timeout = services.GetRequiredService<IConfiguration>().GetValue("EventStore:RebuildTimeout", TimeSpan.FromHours(2));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var known = Projections(store);
        var names = which.Equals("all", StringComparison.OrdinalIgnoreCase)
            ? known
            : which.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Except(known, StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
        {
            throw new ArgumentException($"{Key}: no projection named {string.Join(", ", unknown)}. This service has: all, {string.Join(", ", known)}.");
        }

        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        logger.LogInformation("Rebuilding {Count} projections from {Events} events: {Projections}", names.Count, statistics.EventCount, string.Join(", ", names));
        using var daemon = await store.BuildProjectionDaemonAsync();
        var all = Stopwatch.GetTimestamp();
        // Side by side: each projection reads the store on its own, so together they use the cores one leaves idle.
        await Task.WhenAll(names.Select(async name =>
        {
            var started = Stopwatch.GetTimestamp();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reporting = ReportAsync(store, name, statistics.EventSequenceNumber, started, logger, done.Token);
            await daemon.RebuildProjectionAsync(name, timeout, cancellationToken);
            await done.CancelAsync();
            await reporting;
            var (seconds, rate) = Timed(statistics.EventCount, started);
            logger.LogInformation("Rebuilt {Projection}: {Events} events in {Seconds:F1} s, {Rate:F0} events/s", name, statistics.EventCount, seconds, rate);
        }));
        if (names.Count > 0)
        {
            var (seconds, rate) = Timed(statistics.EventCount, all);
            logger.LogInformation("Rebuilt {Count} projections: {Events} events in {Seconds:F1} s, {Rate:F0} events/s", names.Count, statistics.EventCount, seconds, rate);
        }

        foreach (var step in services.GetServices<IRebuildStep>())
        {
            var started = Stopwatch.GetTimestamp();
            var entries = await step.RunAsync(cancellationToken);
            var (seconds, rate) = Timed(entries, started);
            logger.LogInformation("Rebuilt {Projection}: {Events} entries in {Seconds:F1} s, {Rate:F0} entries/s", step.Name, entries, seconds, rate);
        }
    }

    private static (double Seconds, double Rate) Timed(long count, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (seconds, count / Math.Max(seconds, 0.001));
    }

    // The daemon records how far each shard has replayed; that, against the store's last sequence, is the progress.
    private static async Task ReportAsync(IDocumentStore store, string name, long last, long started, ILogger logger, CancellationToken done)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ReportEvery, done);
                var reached = (await store.Advanced.AllProjectionProgress(token: done))
                    .Where(s => s.ShardName.StartsWith($"{name}:", StringComparison.Ordinal)).Select(s => s.Sequence).DefaultIfEmpty(0).Min();
                logger.LogInformation("Rebuilding {Projection}: {Reached} of {Last} ({Percent:F0}%), {Rate:F0} events/s",
                    name, reached, last, last == 0 ? 100 : 100.0 * reached / last, Timed(reached, started).Rate);
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The rebuild finished.
        }
    }
}
