using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;

namespace RedProperty.AppHost;

/// <summary>
/// The secrets the AppHost hands to PostgreSQL, RabbitMQ and the services. In Development each has
/// a clearly named development default. Anywhere else each must be configured, at least
/// <see cref="MinimumLength"/> characters and no development default, or the AppHost refuses to
/// start, naming every one that is not (<see cref="Refusals"/>). A value comes from
/// <c>Parameters:{name}</c> or <c>Parameters:{name_with_underscores}</c> (a shell cannot export an
/// environment variable whose name has a '-': <c>export Parameters__db_password=…</c>).
/// </summary>
public static class Secrets
{
    public const int MinimumLength = 16;

    /// <summary>Every value published in this repository; none is accepted outside Development.</summary>
    private static readonly HashSet<string> DevelopmentValues =
    [
        ServiceAccounts.DevelopmentPassword, "redproperty-dev-secret", "red-property-dev-key",
        "redproperty-dev-volunteer-person-key", "redproperty-dev-person-key", "redproperty-dev-request-hash-key",
    ];

    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, List<string>> Problems = new();

    /// <summary>Outside Development (and when running, not publishing) every secret must be configured.</summary>
    public static bool Required(IDistributedApplicationBuilder builder) =>
        !builder.Environment.IsDevelopment() && !builder.ExecutionContext.IsPublishMode;

    public static IResourceBuilder<ParameterResource> AddSecret(this IDistributedApplicationBuilder builder, string name)
    {
        if (KeyOf(builder, name) is not { } key)
        {
            if (builder.ExecutionContext.IsPublishMode)
            {
                return builder.AddParameter(name, secret: true); // an input of the deployment
            }

            Refuse(builder, name, "is not set");
            return builder.AddParameter(name, ServiceAccounts.DevelopmentPassword, secret: true);
        }

        var value = builder.Configuration[key]!;
        if (DevelopmentValues.Contains(value))
        {
            Refuse(builder, name, "is a development default");
        }
        else if (value.Length < MinimumLength)
        {
            Refuse(builder, name, $"is shorter than {MinimumLength} characters");
        }

        // From configuration, not a fixed value: a parameter declared with a value ignores configuration.
        return builder.AddParameterFromConfiguration(name, key, secret: true);
    }

    /// <summary>A file the deployment provides (e.g. a certificate): required outside Development, and must exist.</summary>
    public static IResourceBuilder<ParameterResource> AddFile(this IDistributedApplicationBuilder builder, string name)
    {
        if (KeyOf(builder, name) is not { } key)
        {
            Refuse(builder, name, "is not set");
            return builder.AddParameter(name, "");
        }

        if (!builder.ExecutionContext.IsPublishMode && !File.Exists(builder.Configuration[key]))
        {
            Refuse(builder, name, $"names no file ({builder.Configuration[key]})");
        }

        return builder.AddParameterFromConfiguration(name, key);
    }

    /// <summary>Why the AppHost must not start: one line per secret, with how to set it.</summary>
    public static IReadOnlyList<string> Refusals(IDistributedApplicationBuilder builder) =>
        Problems.TryGetValue(builder, out var problems) ? problems : [];

    private static string? KeyOf(IDistributedApplicationBuilder builder, string name) =>
        new[] { $"Parameters:{name}", $"Parameters:{name.Replace('-', '_')}" }
            .FirstOrDefault(key => !string.IsNullOrEmpty(builder.Configuration[key]));

    private static void Refuse(IDistributedApplicationBuilder builder, string name, string why)
    {
        if (Required(builder))
        {
            Problems.GetOrCreateValue(builder).Add($"Secret '{name}' {why}: set Parameters__{name.Replace('-', '_')} (deploy/secrets.sh prints a fresh set).");
        }
    }
}
