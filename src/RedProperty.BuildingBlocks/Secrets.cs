using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace RedProperty.BuildingBlocks;

/// <summary>Secrets a service reads from configuration, with a development default that only Development accepts.</summary>
public static class Secrets
{
    /// <summary>The shortest secret accepted outside Development (the AppHost refuses shorter ones too).</summary>
    public const int MinimumLength = 16;

    /// <summary>
    /// The secret at <paramref name="setting"/> as bytes. Outside Development it must be set, at least
    /// <see cref="MinimumLength"/> characters long and not <paramref name="developmentDefault"/>, a value
    /// published in the repository; otherwise the service stops at start with what to set.
    /// </summary>
    public static byte[] Require(IConfiguration configuration, IHostEnvironment environment, string setting, string developmentDefault)
    {
        var value = configuration[setting] is { Length: > 0 } configured ? configured : null;
        if (environment.IsDevelopment())
        {
            return Encoding.UTF8.GetBytes(value ?? developmentDefault);
        }

        return value is null || value.Length < MinimumLength || value == developmentDefault
            ? throw new InvalidOperationException(
                $"Outside Development, set {setting} to a random secret of at least {MinimumLength} characters (not the development default).")
            : Encoding.UTF8.GetBytes(value);
    }
}
