using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using JasperFx.Events;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.Contracts;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// The contracts as outside systems see them: camelCase JSON without the fields marked
/// <see cref="PersonalDataAttribute"/> or <see cref="FreeTextAttribute"/>, and the JSON Schema of exactly that shape.
/// </summary>
public static partial class PublicJson
{
    public const string CloudEventsContentType = "application/cloudevents+json";
    public const string BatchContentType = "application/cloudevents-batch+json";

    /// <summary>The distributed-tracing extension (W3C traceparent), so an integrator's trace can join ours.</summary>
    public static readonly CloudEventAttribute TraceParent = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutPersonalData } },
    };

    public static JsonEventFormatter Formatter { get; } = new(Options, default);

    /// <summary>A public CloudEvent: JSON data, the address of its schema, and the trace of the request behind it when known.</summary>
    public static CloudEvent CloudEventOf(
        string id, string type, Uri source, string? subject, DateTimeOffset time, Uri? dataSchema, JsonElement data, string? traceParent)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [TraceParent])
        {
            Id = id,
            Type = type,
            Source = source,
            Subject = subject,
            Time = time,
            DataContentType = MediaTypeNames.Application.Json,
            DataSchema = dataSchema,
            Data = data,
        };
        if (!string.IsNullOrEmpty(traceParent))
        {
            cloudEvent[TraceParent] = traceParent;
        }

        return cloudEvent;
    }

    /// <summary>The JSON Schema (draft 2020-12) of a contract's public <c>data</c>.</summary>
    public static JsonObject SchemaOf(Type contract)
    {
        var schema = (JsonObject)Options.GetJsonSchemaAsNode(contract, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        var type = PublicEvents.TypeOf(contract);
        var withHeader = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = type,
            ["title"] = contract.Name,
        };
        foreach (var (name, node) in schema.ToList())
        {
            schema.Remove(name);
            withHeader[name] = node;
        }

        return withHeader;
    }

    private static void LeaveOutPersonalData(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(PersonalDataAttribute), inherit: true) == true
                                                            || p.AttributeProvider?.IsDefined(typeof(FreeTextAttribute), inherit: true) == true).ToList())
        {
            info.Properties.Remove(property);
        }
    }

    /// <summary>
    /// The first field of <paramref name="data"/> whose text looks personal: a mainland mobile number, an
    /// e-mail address or a resident ID number (a real birth date and check character, so that credit codes
    /// and ids do not match). The last check before anything leaves for the public feed, whatever the
    /// contracts' attributes say.
    /// </summary>
    public static string? PersonalDataIn(JsonElement data, string path = "data")
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in data.EnumerateObject())
                {
                    if (PersonalDataIn(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in data.EnumerateArray())
                {
                    if (PersonalDataIn(item, $"{path}[{i++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.String:
                // An id is never personal, though its hex may hold eleven digits in a row (b13893800123).
                var text = data.GetString()!;
                return !Guid.TryParse(text, out _) && LooksPersonal(text) ? path : null;
            default:
                return null;
        }
    }

    public static bool LooksPersonal(string text) =>
        Mobile().IsMatch(text) || Email().IsMatch(text) || IdNumber().Matches(text).Any(m => IsIdNumber(m.Value));

    // A resident ID number of someone born since 1900: a check character alone matches one digit string in eleven.
    private static bool IsIdNumber(string id) => ResidentIds.IsValid(id) && string.CompareOrdinal(id, 6, "1900", 0, 4) >= 0;

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]
    private static partial System.Text.RegularExpressions.Regex Mobile();

    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial System.Text.RegularExpressions.Regex Email();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")]
    private static partial System.Text.RegularExpressions.Regex IdNumber();
}

/// <summary>A public CloudEvent not sent because a field's text looks personal; the field is named, its text never.</summary>
public sealed class PersonalDataWithheldException(string type, string field)
    : Exception($"The public copy of {type} is withheld: {field} looks like personal data (a mobile number, an e-mail address or an ID number).")
{
    public string Type { get; } = type;

    public string Field { get; } = field;
}

/// <summary>A CloudEvent ready for the public exchange: its id, type (the routing key), time and JSON body.</summary>
public sealed record PublicMessage(string Id, string Type, DateTimeOffset Time, ReadOnlyMemory<byte> Body);

/// <summary>
/// Publishes each contract a second time for outside systems: a CloudEvents 1.0 structured-mode
/// message on <see cref="PublicEvents.Exchange"/>, routing key = its type. The <c>id</c> is the stored
/// event's id (as the MassTransit MessageId), so a replayed page repeats ids rather than inventing new
/// ones; <c>subject</c> is the stream (aggregate) id; <c>dataschema</c> points at the schema the
/// Overview service serves. Each publish completes only once the broker confirmed it.
/// </summary>
public sealed class CloudEventsPublisher(Uri broker, string service, IConfiguration configuration) : IAsyncDisposable
{
    /// <summary>Where the schemas are served: the gateway's <c>/api/overview/schemas</c> (the AppHost sets it).</summary>
    public const string SchemaBaseKey = "PublicFeed:SchemaBaseUrl";
    public const string DefaultSchemaBase = "http://localhost:5080/api/overview/schemas";

    private readonly string _schemaBase = (configuration[SchemaBaseKey] ?? DefaultSchemaBase).TrimEnd('/');
    private readonly Uri _source = new($"/redproperty/{service}", UriKind.Relative);
    private readonly string _account = Broker.UserOf(broker);
    private readonly BrokerConnection _connection = new(broker, $"redproperty-{service}-public-feed");
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IChannel? _channel;

    public static Uri SchemaUrl(string schemaBase, string type) => new($"{schemaBase.TrimEnd('/')}/{type}.json");

    /// <summary>
    /// The CloudEvent of a stored event, encoded: built when the page is mapped, so one that cannot be is
    /// dead-lettered there, visibly. <see cref="PersonalDataWithheldException"/> when its public data holds
    /// text that looks personal: the public copy is withheld (our own services still get the contract).
    /// </summary>
    public PublicMessage Encode(IEvent stored, object contract)
    {
        var type = PublicEvents.TypeOf(contract.GetType());
        var data = JsonSerializer.SerializeToElement(contract, contract.GetType(), PublicJson.Options);
        if (PublicJson.PersonalDataIn(data) is { } field)
        {
            throw new PersonalDataWithheldException(type, field);
        }

        // The trace of the request that caused the event, so an integrator's trace can join it.
        var cloudEvent = PublicJson.CloudEventOf(
            stored.Id.ToString(), type, _source, stored.StreamKey ?? stored.StreamId.ToString(), stored.Timestamp, SchemaUrl(_schemaBase, type),
            data, stored.Headers?.GetValueOrDefault(EventHeaders.TraceParent)?.ToString());
        return new PublicMessage(cloudEvent.Id!, type, stored.Timestamp, PublicJson.Formatter.EncodeStructuredModeMessage(cloudEvent, out _));
    }

    public async Task PublishAsync(PublicMessage message, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            ContentType = PublicJson.CloudEventsContentType,
            MessageId = message.Id,
            Type = message.Type,
            AppId = service,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(message.Time.ToUnixTimeSeconds()),
            // RabbitMQ refuses a user-id other than the connection's own, so a consumer may trust it:
            // the district log checks that the account is the service the event's type names.
            UserId = _account,
        };
        var channel = await ChannelAsync(cancellationToken);
        try
        {
            await channel.BasicPublishAsync(PublicEvents.Exchange, message.Type, mandatory: false, properties, message.Body, cancellationToken)
                .AsTask().WaitAsync(cancellationToken);
        }
        catch (Exception)
        {
            // A publish that failed or timed out gives up its channel and connection: the next one starts afresh
            // (on another node of a cluster) instead of waiting on a channel whose confirms may never come.
            await DiscardAsync(channel);
            throw;
        }
    }

    private async Task DiscardAsync(IChannel stale)
    {
        await _opening.WaitAsync();
        try
        {
            if (!ReferenceEquals(_channel, stale))
            {
                return; // another publish has already replaced it
            }

            _channel = null;
            await _connection.ResetAsync();
        }
        finally
        {
            _opening.Release();
        }

        BrokerConnection.DisposeQuietly(stale);
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } opened)
            {
                return opened;
            }

            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }

            var channel = await Broker.OpenConfirmingChannelAsync(await _connection.GetAsync(cancellationToken), cancellationToken);
            // Durable, so integrators' queues bound to it survive a broker restart; declared by every publisher alike.
            await channel.ExchangeDeclareAsync(PublicEvents.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            _channel = channel;
            return channel;
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        await _connection.DisposeAsync();
        _opening.Dispose();
    }
}
