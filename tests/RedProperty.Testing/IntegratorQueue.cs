using System.Text;
using RabbitMQ.Client;
using RedProperty.Contracts;

namespace RedProperty.Testing;

/// <summary>
/// An outside system's own queue on the public exchange, bound with a routing-key pattern and read
/// with basic.get: a plain AMQP client, no consumer framework.
/// </summary>
public sealed record IntegratorQueue(IChannel Channel, string Queue) : IAsyncDisposable
{
    public static async Task<IntegratorQueue> BindAsync(IConnection connection, string pattern)
    {
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(PublicEvents.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, PublicEvents.Exchange, pattern);
        return new IntegratorQueue(channel, queue);
    }

    /// <summary>Everything on the queue so far.</summary>
    public async Task<IReadOnlyList<BasicGetResult>> DrainAsync()
    {
        var messages = new List<BasicGetResult>();
        while (await Channel.BasicGetAsync(Queue, autoAck: true) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    public static string Text(BasicGetResult message) => Encoding.UTF8.GetString(message.Body.Span);

    public async ValueTask DisposeAsync() => await Channel.DisposeAsync();
}
