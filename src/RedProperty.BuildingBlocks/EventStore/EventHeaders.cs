namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>Headers stored with every appended event.</summary>
public static class EventHeaders
{
    /// <summary>The W3C trace context of the request that appended the event: the forwarder continues that trace.</summary>
    public const string TraceParent = "traceparent";
}
