using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Extensions;
using MassTransit;
using MassTransit.Configuration;
using Npgsql;
using RedProperty.Contracts;

namespace RedProperty.Overview.DistrictLog;

// The district log: every event of the public feed, once, in the order Overview received it. The
// position of an entry is its event's global sequence number in Overview's store. Writers take one
// database lock per batch of entries (every instance, every consumer), draw the positions under it and
// commit before releasing it, so positions commit in order: a reader never sees a later position before an
// earlier one and a catch-up client can page by position without missing any, however many
// instances of Overview compete on the queue.

/// <summary>One CloudEvent as it arrived on the public feed.</summary>
public sealed record DistrictEventLogged(
    string Id, string Type, string Source, string? Subject, DateTimeOffset Time, string? DataSchema, string? TraceParent, JsonElement Data, DateTimeOffset LoggedAt)
{
    public static DistrictEventLogged From(CloudEvent e, DateTimeOffset loggedAt) => new(
        e.Id!, e.Type!, e.Source!.ToString(), e.Subject, e.Time ?? loggedAt, e.DataSchema?.ToString(), e[PublicJson.TraceParent] as string,
        e.Data is JsonElement data ? data.Clone() : JsonSerializer.SerializeToElement(e.Data, PublicJson.Options), loggedAt);

    /// <summary>The CloudEvent again, with its position in the log as the <c>sequence</c> extension.</summary>
    public CloudEvent ToCloudEvent(long position)
    {
        var cloudEvent = PublicJson.CloudEventOf(
            Id, Type, new Uri(Source, UriKind.RelativeOrAbsolute), Subject, Time, DataSchema is null ? null : new Uri(DataSchema, UriKind.RelativeOrAbsolute), Data, TraceParent);

        // The sequence extension's value is a string: zero-padded, so positions also sort as text.
        cloudEvent[Sequence.SequenceAttribute] = position.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        return cloudEvent;
    }
}

/// <summary>The id of a CloudEvent already in the log: a second arrival of the same id changes nothing.</summary>
public sealed record LoggedId(string Id, long LoggedAtTicks);

/// <summary>The message type the raw consumer binds to; the body is read whole by the CloudEvents formatter.</summary>
public sealed record PublicCloudEvent(string Id, string Type);

/// <summary>
/// Logs each CloudEvent of <see cref="PublicEvents.Exchange"/> that validates against the spec, in batches: the
/// events delivered together are written in one transaction, in the order they came, under one take of the
/// writers' lock. A message that is not a CloudEvent is dropped like a refused one, with an error in the log
/// and a count: failing its batch instead would send the batch's valid events round the retries with it.
/// The queue is bound like any outside system's would be: routing-key pattern <c>cn.gov.redproperty.#</c>.
/// </summary>
public sealed class DistrictLogConsumer(
    IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider time, DistrictLogPublishers publishers, PipelineMetrics metrics, ILogger<DistrictLogConsumer> logger)
    : IConsumer<Batch<PublicCloudEvent>>
{
    /// <summary>The transaction-scoped advisory lock of the log's writers (the same in every instance).</summary>
    public static readonly long WriterLock = AdvisoryLocks.KeyOf("overview/district-log-writer");

    public async Task Consume(ConsumeContext<Batch<PublicCloudEvent>> context)
    {
        var now = time.GetUtcNow();
        var entries = new List<DistrictEventLogged>(context.Message.Length);
        foreach (var message in context.Message)
        {
            CloudEvent cloudEvent;
            try
            {
                cloudEvent = PublicJson.Formatter.DecodeStructuredModeMessage(
                    message.ReceiveContext.Body.GetBytes(), new ContentType(PublicJson.CloudEventsContentType), [PublicJson.TraceParent]);
            }
            catch (ArgumentException e)
            {
                logger.LogError(e, "A message on the public feed is not a valid CloudEvent and is dropped (message {MessageId})", message.MessageId);
                metrics.Refused(DistrictLogConsumerDefinition.Queue);
                continue;
            }

            var delivery = message.ReceiveContext as RabbitMqBasicConsumeContext ?? message.ReceiveContext.GetPayload<RabbitMqBasicConsumeContext>();
            if (publishers.Refusal(cloudEvent, delivery.RoutingKey, delivery.Properties.UserId) is { } refusal)
            {
                // Dropped, not parked: a copy could not even be moved (RabbitMQ refuses another account's user-id
                // from ours), and a forged event has no place to go back to. The warning and the count remain.
                logger.LogWarning("A CloudEvent {Type} on the public feed is refused and dropped: {Refusal} (message {MessageId}, event {EventId})",
                    cloudEvent.Type, refusal, message.MessageId, cloudEvent.Id);
                metrics.Refused(DistrictLogConsumerDefinition.Queue);
                continue;
            }

            entries.Add(DistrictEventLogged.From(cloudEvent, now));
        }

        await LogAsync(entries, context.CancellationToken);
    }

    private async Task LogAsync(List<DistrictEventLogged> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var writerLock = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WriterLock})", connection, transaction))
        {
            await writerLock.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        // Repeats (a redelivery, a replay, one event twice in a batch) are left out: under the lock no other writer adds ids.
        var logged = (await session.LoadManyAsync<LoggedId>(cancellationToken, [.. entries.Select(e => e.Id).Distinct()])).Select(l => l.Id).ToHashSet();
        foreach (var entry in entries.Where(e => logged.Add(e.Id)))
        {
            session.Insert(new LoggedId(entry.Id, entry.LoggedAt.UtcTicks));
            session.Events.Append(StreamIds.Named($"district-log/{entry.Id}"), entry);
        }

        await session.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>
/// Who may put what in the district log. A CloudEvent is logged only when its type is the routing key it
/// came under (which the broker's topic permission limits to the publisher's own types), its source is
/// the service its type names, and the account that published it (RabbitMQ's validated <c>user-id</c>) is
/// that service's: so one service's account cannot log events in another's name. A refused event is
/// dropped, logged and counted (<c>redproperty.consumer.refused</c>). The Overview's own
/// account is trusted too: where it is shared by every service (development containers, the tests)
/// there are no accounts to tell apart.
/// </summary>
public sealed class DistrictLogPublishers(IConfiguration configuration)
{
    private const string ServicePrefix = PublicEvents.TypePrefix + "redproperty.";
    private readonly string _own = Broker.UserOf(Broker.UriFrom(configuration));

    /// <summary>Why the event may not be logged, or null when it may.</summary>
    public string? Refusal(CloudEvent cloudEvent, string? routingKey, string? account)
    {
        var type = cloudEvent.Type ?? "";
        if (!string.Equals(type, routingKey, StringComparison.Ordinal))
        {
            return $"its type {type} is not the routing key it came under ({routingKey})";
        }

        var service = type.StartsWith(ServicePrefix, StringComparison.Ordinal) ? type[ServicePrefix.Length..].Split('.')[0] : "";
        if (service.Length == 0 || cloudEvent.Source?.ToString() != $"/redproperty/{service}")
        {
            return $"its source {cloudEvent.Source} is not the service its type names ({service})";
        }

        return string.IsNullOrEmpty(account) ? "it names no publishing account (user-id)"
            : account != service && account != _own ? $"account {account} may not publish {service}'s events"
            : null;
    }
}

/// <summary>Binds the log's queue to the public exchange, reads CloudEvents, and writes them in batches, one batch at a time per instance.</summary>
public sealed class DistrictLogConsumerDefinition : ConsumerDefinition<DistrictLogConsumer>
{
    public const string Queue = "overview-district-log";

    /// <summary>The most events written in one transaction.</summary>
    public const int BatchLimit = 200;

    public DistrictLogConsumerDefinition() => EndpointName = Queue;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<DistrictLogConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.AddDeserializer(new CloudEventsSerializerFactory(), isDefault: true);
        // A batch is what arrived together, or what arrived within a moment: a quiet feed waits no longer than that.
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(BatchLimit).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(1));
        endpointConfigurator.ConcurrentMessageLimit = BatchLimit;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            // One instance consumes at a time, the others stand by, and it writes one batch at a time: the log keeps
            // the order the feed delivered (a branch's "forming" before its "established"), however many instances run.
            rabbit.SingleActiveConsumer = true;
            rabbit.ConfigureConsumeTopology = false;
            rabbit.PrefetchCount = BatchLimit;
            rabbit.Bind(PublicEvents.Exchange, binding =>
            {
                binding.ExchangeType = RabbitMQ.Client.ExchangeType.Topic;
                binding.RoutingKey = $"{PublicEvents.TypePrefix}redproperty.#";
            });
        }
    }
}

/// <summary>
/// Versions before 2026-12 declared the log's queue without single-active-consumer, and RabbitMQ refuses
/// to declare a queue again with other arguments: such a queue, once empty, is deleted before the bus
/// starts, which declares and binds it anew. One still holding entries is left alone and the start fails
/// with what to do (let the Overview that is running drain it).
/// </summary>
public sealed class DistrictLogQueue(IConfiguration configuration, ILogger<DistrictLogQueue> logger) : IBrokerUpgrade
{
    public async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = Broker.UriFrom(configuration), ClientProvidedName = "overview-queue-upgrade" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        if (!await ExistsWithOtherArgumentsAsync(connection, cancellationToken))
        {
            return;
        }

        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeleteAsync(DistrictLogConsumerDefinition.Queue, ifUnused: false, ifEmpty: true, cancellationToken: cancellationToken);
            logger.LogWarning("Deleted the empty queue {Queue} of an earlier version; the bus declares it again with a single active consumer",
                DistrictLogConsumerDefinition.Queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            throw new InvalidOperationException(
                $"The queue {DistrictLogConsumerDefinition.Queue} of an earlier version still holds entries: start that version's Overview until it is empty, then this one.", e);
        }
    }

    private static async Task<bool> ExistsWithOtherArgumentsAsync(RabbitMQ.Client.IConnection connection, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await probe.QueueDeclarePassiveAsync(DistrictLogConsumerDefinition.Queue, cancellationToken);
            await probe.QueueDeclareAsync(DistrictLogConsumerDefinition.Queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-single-active-consumer"] = true }, cancellationToken: cancellationToken);
            return false; // already a single-active-consumer queue
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false; // not there yet: the bus declares it
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            return true;
        }
    }
}

/// <summary>MassTransit's raw JSON reader, for the content type <c>application/cloudevents+json</c>.</summary>
internal sealed class CloudEventsSerializerFactory : ISerializerFactory
{
    private static readonly SystemTextJsonRawMessageSerializerFactory Raw = new SystemTextJsonRawMessageSerializerFactory(RawSerializerOptions.AnyMessageType);

    public ContentType ContentType { get; } = new(PublicJson.CloudEventsContentType);

    public IMessageSerializer CreateSerializer() => Raw.CreateSerializer();

    public IMessageDeserializer CreateDeserializer() => new Deserializer(Raw.CreateDeserializer(), ContentType);

    private sealed class Deserializer(IMessageDeserializer raw, ContentType contentType) : IMessageDeserializer
    {
        public ContentType ContentType => contentType;

        public void Probe(ProbeContext context) => raw.Probe(context);

        public ConsumeContext Deserialize(ReceiveContext receiveContext) => raw.Deserialize(receiveContext);

        public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null) => raw.Deserialize(body, headers, destinationAddress);

        public MessageBody GetMessageBody(string text) => raw.GetMessageBody(text);
    }
}
