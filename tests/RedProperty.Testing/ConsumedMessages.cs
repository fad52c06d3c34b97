using System.Collections.Concurrent;
using MassTransit;

namespace RedProperty.Testing;

/// <summary>Counts, per MessageId, how often the bus finished consuming a message of type T.</summary>
public sealed class ConsumedMessages<T> : IConsumeMessageObserver<T> where T : class
{
    private readonly ConcurrentDictionary<Guid, int> _consumed = new();

    public int Count(Guid messageId) => _consumed.GetValueOrDefault(messageId);

    /// <summary>How many deliveries in all, repeats included.</summary>
    public int Deliveries => _consumed.Values.Sum();

    /// <summary>How many distinct messages were delivered.</summary>
    public int Distinct => _consumed.Count;

    public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<T> context)
    {
        _consumed.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception) => Task.CompletedTask;
}
