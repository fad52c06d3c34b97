using System.Diagnostics.Metrics;

namespace RedProperty.Testing;

/// <summary>
/// What one instrument of the pipeline's meter records in this test process, summed; with a
/// <paramref name="queue"/>, only what carries that queue's tag (other hosts in the process count their own).
/// </summary>
public sealed class CountedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public CountedMeasurements(string instrument, string? queue = null)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == PipelineMetrics.MeterName && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (queue is null || tag is { Key: "queue" } && Equals(tag.Value, queue))
                {
                    Interlocked.Add(ref _total, value);
                    return;
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
