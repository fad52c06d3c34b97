using System.Text.Json;
using JasperFx.Events;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// Which domain events leave the service, and as which contract. Domain events never leave;
/// only what is mapped here is published.
/// </summary>
public sealed class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<IEvent, object?>> _maps = [];

    public IEnumerable<Type> DomainEventTypes => _maps.Keys;

    /// <param name="toContract">The contract, or null when this occurrence stays inside the service.</param>
    public IntegrationEventMap Map<TEvent>(Func<IEvent<TEvent>, object?> toContract) where TEvent : notnull
    {
        _maps[typeof(TEvent)] = e => toContract((IEvent<TEvent>)e);
        return this;
    }

    /// <summary>Enumerations as the camelCase strings the HTTP APIs also use.</summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The contract for a stored event, or null when the event stays inside the service.</summary>
    public object? ToContract(IEvent stored) =>
        _maps.TryGetValue(stored.EventType, out var map) ? map(stored) : null;
}
