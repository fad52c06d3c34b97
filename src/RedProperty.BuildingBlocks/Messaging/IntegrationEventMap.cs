using System.Text.Json;
using JasperFx.Events;
using Marten;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// Which domain events leave the service, and as which contract. Domain events never leave;
/// only what is mapped here is published.
/// </summary>
public sealed class IntegrationEventMap
{
    private readonly Dictionary<Type, Func<IEvent, IQuerySession, ValueTask<object?>>> _maps = [];

    public IEnumerable<Type> DomainEventTypes => _maps.Keys;

    /// <param name="toContract">The contract, or null when this occurrence stays inside the service.</param>
    public IntegrationEventMap Map<TEvent>(Func<IEvent<TEvent>, object?> toContract) where TEvent : notnull
    {
        _maps[typeof(TEvent)] = (e, _) => ValueTask.FromResult(toContract((IEvent<TEvent>)e));
        return this;
    }

    /// <summary>A contract that needs the store to be written, such as one that carries a sealed personal field opened.</summary>
    public IntegrationEventMap Map<TEvent>(Func<IEvent<TEvent>, IQuerySession, Task<object?>> toContract) where TEvent : notnull
    {
        _maps[typeof(TEvent)] = async (e, session) => await toContract((IEvent<TEvent>)e, session);
        return this;
    }

    /// <summary>Enumerations as the camelCase strings the HTTP APIs also use.</summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>The contract for a stored event, or null when the event stays inside the service.</summary>
    public ValueTask<object?> ToContractAsync(IEvent stored, IQuerySession session) =>
        _maps.TryGetValue(stored.EventType, out var map) ? map(stored, session) : ValueTask.FromResult<object?>(null);
}
