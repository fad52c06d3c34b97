using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RedProperty.BuildingBlocks.Http;

namespace RedProperty.Organization.Tests.Companies;

/// <summary>The hash an idempotency record keeps of a request: keyed, since a body can hold an ID number; outside Development a real key.</summary>
public sealed class RequestHashKeyTests
{
    private const string ProductionKey = "k3J9-r2Qx-88aL-Zp0w-Yt5e";
    private static readonly byte[] Body = """{"name":"王建国","nationalId":"620599199001011234"}"""u8.ToArray();

    private static RequestHashKey Key(string environment, string? key) => RequestHashKey.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [RequestHashKey.Setting] = key }).Build(),
        new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });

    private static Task<string> Hash(RequestHashKey key) => key.HashAsync(new MemoryStream(Body), CancellationToken.None);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-key")]
    [InlineData(RequestHashKey.DevelopmentKey)]
    public void Outside_development_a_missing_short_or_published_key_stops_the_service(string? key)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Key(Environments.Production, key));
        Assert.Contains(RequestHashKey.Setting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hash_is_keyed_the_same_on_every_instance_and_not_the_bodys_plain_SHA_256()
    {
        var production = await Hash(Key(Environments.Production, ProductionKey));

        Assert.NotEqual(Convert.ToHexString(SHA256.HashData(Body)), production);
        Assert.Equal(production, await Hash(Key(Environments.Production, ProductionKey)));
        Assert.NotEqual(await Hash(Key(Environments.Development, null)), production);
    }
}
