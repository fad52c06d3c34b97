using System.Diagnostics.Metrics;

namespace RedProperty.BuildingBlocks.Observability;

/// <summary>
/// The pipeline's own instruments on the "RedProperty" meter, shown in the Aspire dashboard:
/// what the forwarder published and how late, what it could not publish, how far it trails the
/// event log, and what the inboxes dropped as duplicates.
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "RedProperty";
    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _publishLag;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _duplicatesDropped;
    private readonly Histogram<double> _consumerLag;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _publicWithheld;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _connectionsRecycled;
    private long _forwarderPosition;
    private long _lastPublishFailureTicks;
    private long _lastPublishTicks;
    private long _lagEvents;
    private double _lagSeconds;

    public PipelineMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _published = _meter.CreateCounter<long>("redproperty.forwarder.published", "{message}", "Integration events confirmed by the broker");
        _publishLag = _meter.CreateHistogram<double>("redproperty.forwarder.publish_lag", "s", "From the append to the broker's confirm");
        _publishFailures = _meter.CreateCounter<long>("redproperty.forwarder.publish_failures", "{attempt}", "Publish attempts that failed and will be retried");
        _deadLettered = _meter.CreateCounter<long>("redproperty.forwarder.dead_lettered", "{event}", "Events that can never be mapped, skipped and recorded as dead letters");
        _duplicatesDropped = _meter.CreateCounter<long>("redproperty.inbox.duplicates_dropped", "{message}", "Messages the inbox had already applied");
        _consumerLag = _meter.CreateHistogram<double>("redproperty.consumer.lag", "s", "From the publish to the consumer's commit");
        _skipped = _meter.CreateCounter<long>("redproperty.consumer.skipped", "{message}", "Messages no consumer of the queue handles, moved to {queue}_skipped");
        _refused = _meter.CreateCounter<long>("redproperty.consumer.refused", "{message}", "Messages refused for who published them: logged and dropped");
        _connectionsRecycled = _meter.CreateCounter<long>("redproperty.forwarder.connections_recycled", "{connection}", "Broker connections closed because publishes kept failing on them (a new one is opened)");
        _publicWithheld = _meter.CreateCounter<long>("redproperty.public_feed.withheld", "{event}", "Public CloudEvents not sent because a field looked like personal data (recorded as dead letters)");
        _meter.CreateObservableGauge("redproperty.forwarder.position", () => Volatile.Read(ref _forwarderPosition), "{sequence}", "Last event sequence the forwarder published");
        _meter.CreateObservableGauge("redproperty.forwarder.lag_events", () => Volatile.Read(ref _lagEvents), "{event}", "Events appended but not yet forwarded");
        _meter.CreateObservableGauge("redproperty.forwarder.lag_seconds", () => Volatile.Read(ref _lagSeconds), "s", "Age of the oldest event not yet forwarded");
    }

    /// <summary>When publishing last failed, if it has not succeeded since: the broker is away for this publisher.</summary>
    public DateTimeOffset? FailingSince =>
        Volatile.Read(ref _lastPublishFailureTicks) is var failed and > 0 && failed > Volatile.Read(ref _lastPublishTicks)
            ? new DateTimeOffset(failed, TimeSpan.Zero)
            : null;

    public void Published(string contract, TimeSpan sinceAppend)
    {
        Volatile.Write(ref _lastPublishTicks, DateTime.UtcNow.Ticks);
        var tag = new KeyValuePair<string, object?>("contract", contract);
        _published.Add(1, tag);
        _publishLag.Record(Math.Max(0, sinceAppend.TotalSeconds), tag);
    }

    public void PublishFailed()
    {
        Volatile.Write(ref _lastPublishFailureTicks, DateTime.UtcNow.Ticks);
        _publishFailures.Add(1);
    }

    public void ConnectionRecycled() => _connectionsRecycled.Add(1);

    public void DeadLettered(string eventType) => _deadLettered.Add(1, new KeyValuePair<string, object?>("event", eventType));

    public void DuplicateDropped(string consumer) => _duplicatesDropped.Add(1, new KeyValuePair<string, object?>("consumer", consumer));

    public void Consumed(string consumer, TimeSpan sinceSent) =>
        _consumerLag.Record(Math.Max(0, sinceSent.TotalSeconds), new KeyValuePair<string, object?>("consumer", consumer));

    public void Refused(string queue) => _refused.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public void PublicWithheld(string type) => _publicWithheld.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Skipped(string queue) => _skipped.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public void ForwarderReached(long sequence) => Volatile.Write(ref _forwarderPosition, sequence);

    /// <summary>Set by <see cref="PipelineMonitor"/> from the event store.</summary>
    internal void Lag(long events, TimeSpan age)
    {
        Volatile.Write(ref _lagEvents, events);
        Volatile.Write(ref _lagSeconds, age.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
