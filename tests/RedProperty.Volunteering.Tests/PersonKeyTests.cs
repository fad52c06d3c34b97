using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Tests;

/// <summary>The key of volunteers' ID-number hashes: outside Development a real secret, never the published default.</summary>
public sealed class PersonKeyTests
{
    private static PersonKey Key(string environment, string? key) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Volunteers:PersonKey"] = key }).Build(),
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-key")]
    [InlineData(PersonKey.DevelopmentKey)]
    public void Outside_development_a_missing_short_or_published_key_stops_the_service(string? key)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Key(Environments.Production, key));
        Assert.Contains("Volunteers:PersonKey", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_key_is_taken_and_development_falls_back_to_the_named_default()
    {
        var production = Key(Environments.Production, "k3J9-r2Qx-88aL-Zp0w-Yt5e");
        Assert.NotEqual(production.Of("620599199001011234"), Key(Environments.Development, null).Of("620599199001011234"));
        Assert.Equal(Key(Environments.Development, PersonKey.DevelopmentKey).Of("620599199001011234"), Key(Environments.Development, null).Of("620599199001011234"));
    }
}
