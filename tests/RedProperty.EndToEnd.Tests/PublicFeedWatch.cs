using System.Net.Mime;
using RabbitMQ.Client;
using RedProperty.Contracts;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// An outside system's view of the whole running system: a plain AMQP queue (no MassTransit) bound to
/// every type on the public exchange, whose messages are then checked one by one against the
/// CloudEvents spec and against what the catch-up feed holds.
/// </summary>
public sealed class PublicFeedWatch(IConnection connection, IntegratorQueue queue) : IAsyncDisposable
{
    public static async Task<PublicFeedWatch> StartAsync(Uri broker)
    {
        var connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "end-to-end-integrator" }.CreateConnectionAsync();
        return new PublicFeedWatch(connection, await IntegratorQueue.BindAsync(connection, "cn.gov.redproperty.#"));
    }

    /// <summary>Every message so far: a valid CloudEvent, routed by its type, from the service its type names; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> ValidatedIdsAsync()
    {
        var ids = new List<string>();
        foreach (var message in await queue.DrainAsync())
        {
            var cloudEvent = PublicJson.Formatter.DecodeStructuredModeMessage(message.Body, new ContentType(PublicJson.CloudEventsContentType), null);
            Assert.Equal(PublicJson.CloudEventsContentType, message.BasicProperties.ContentType);
            Assert.Equal(message.RoutingKey, cloudEvent.Type);
            Assert.Equal(message.BasicProperties.MessageId, cloudEvent.Id);
            Assert.NotNull(PublicEvents.ContractOf(cloudEvent.Type!));
            Assert.Equal($"/redproperty/{PublicEvents.ServiceOf(cloudEvent.Type!)}", cloudEvent.Source!.ToString());
            Assert.False(string.IsNullOrEmpty(cloudEvent.Subject));
            Assert.NotNull(cloudEvent.Time);
            Assert.True(cloudEvent.DataSchema!.IsAbsoluteUri);
            ids.Add(cloudEvent.Id!);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync();
        await connection.DisposeAsync();
    }
}
