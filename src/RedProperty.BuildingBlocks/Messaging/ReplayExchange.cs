namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// A publisher's replay exchange (direct): every subscriber queue binds to it under its own name, so a
/// replay reaches one named queue without the publisher holding any right on it.
/// </summary>
public static class ReplayExchange
{
    public static string Of(string service) => $"redproperty.{service}.replay";
}
