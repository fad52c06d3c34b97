using System.Reflection;
using MassTransit;

namespace RedProperty.Contracts;

/// <summary>
/// A field that names or reaches a person. It travels between our own services (which keep their
/// own copies, e.g. a party member's name for the ledger) but never on the public feed, and the
/// public schema does not list it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>
/// Text typed by staff (a reason, a visit's topics): it may name or reach a person, however it was
/// meant, so like personal data it travels between our own services but never on the public feed.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FreeTextAttribute : Attribute;

/// <summary>
/// The public feed: every contract as a CloudEvents 1.0 message on one durable topic exchange, the
/// routing key being the CloudEvents <c>type</c>: <c>cn.gov.redproperty.&lt;service&gt;.&lt;event&gt;.v&lt;N&gt;</c>
/// (the contract's wire name under the district's reverse-DNS prefix).
/// </summary>
public static class PublicEvents
{
    public const string Exchange = "red-property.public";
    public const string TypePrefix = "cn.gov.";

    /// <summary>Every published contract, in a stable order.</summary>
    public static IReadOnlyList<Type> Contracts { get; } =
        [.. typeof(PublicEvents).Assembly.GetTypes().Where(t => t.GetCustomAttribute<EntityNameAttribute>() is not null)
            .OrderBy(t => t.GetCustomAttribute<EntityNameAttribute>()!.EntityName, StringComparer.Ordinal)];

    private static readonly Dictionary<Type, string> Types = Contracts.ToDictionary(t => t, t => TypePrefix + t.GetCustomAttribute<EntityNameAttribute>()!.EntityName);
    private static readonly Dictionary<string, Type> ByType = Types.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The CloudEvents type of a contract, e.g. <c>cn.gov.redproperty.evaluation.complaint-filed.v1</c>.</summary>
    public static string TypeOf(Type contract) =>
        Types.TryGetValue(contract, out var type) ? type
        : contract.GetCustomAttribute<EntityNameAttribute>() is { } name ? TypePrefix + name.EntityName
        : throw new ArgumentException($"{contract} is not a published contract (no [EntityName]).", nameof(contract));

    /// <summary>The contract of a CloudEvents type, or null when this version does not know it.</summary>
    public static Type? ContractOf(string type) => ByType.GetValueOrDefault(type);

    /// <summary>The publishing service of a CloudEvents type (its third segment): organization, evaluation, …</summary>
    public static string ServiceOf(string type) => type.Split('.') is { Length: > 4 } parts ? parts[3] : throw new ArgumentException($"'{type}' is not a public event type.", nameof(type));

    /// <summary>The routing-key pattern of one service's events, for a binding or a topic permission.</summary>
    public static string PatternOf(string service) => $"{TypePrefix}redproperty.{service}.#";
}
