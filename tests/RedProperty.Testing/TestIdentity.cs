using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Identity;

namespace RedProperty.Testing;

/// <summary>
/// The identity service, in-process, once per test run (its own database), issuing real tokens
/// the way deploy/token.sh gets them: the development client of an unscoped role, or, for a role
/// limited to a community, company or instructor, a system client a district admin puts first.
/// </summary>
public sealed class TestIdentity
{
    public const string Issuer = "http://identity.test/";

    private static readonly Lazy<Task<TestIdentity>> Instance = new(CreateAsync);
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    private TestIdentity(ServiceHost<IdentityService> host) => Host = host;

    public static Task<TestIdentity> Shared => Instance.Value;

    public ServiceHost<IdentityService> Host { get; }

    /// <summary>Points a service's bearer validation at this identity (over its in-memory server).</summary>
    public void Trust(IServiceCollection services) =>
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = Host.Server.CreateHandler());

    public static IEnumerable<(string Key, string? Value)> Settings =>
    [
        ("Auth:Authority", Issuer),
        ("Auth:RequireHttpsMetadata", "false"),
    ];

    /// <summary>An access token for <paramref name="role"/>, limited to the community, company or instructor given.</summary>
    public Task<string> TokenAsync(string role, string? community = null, Guid? company = null, Guid? instructor = null, int? rateLimit = null)
    {
        var key = $"{role}|{community}|{company}|{instructor}|{rateLimit}";
        return _tokens.GetOrAdd(key, _ => IssueAsync(role, community, company, instructor, rateLimit));
    }

    private async Task<string> IssueAsync(string role, string? community, Guid? company, Guid? instructor, int? rateLimit)
    {
        if (community is null && company is null && instructor is null && rateLimit is null && role is not (Roles.CommunityStaff or Roles.CompanyUser or Roles.Instructor))
        {
            return await ClientCredentialsAsync($"dev-{role}", IdentityService.DevelopmentSecret);
        }

        var clientId = $"test-{role}-{Guid.NewGuid():N}";
        using var admin = Host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Roles.DistrictAdmin));
        using var put = await admin.PutAsJsonAsync($"/api/identity/systems/{clientId}", new PutSystem(
            $"测试 {role}", new AccountScope([role], community, company, instructor, rateLimit)));
        put.EnsureSuccessStatusCode();
        var credentials = (await put.Content.ReadFromJsonAsync<SystemCredentials>())!;
        return await ClientCredentialsAsync(clientId, credentials.ClientSecret);
    }

    public async Task<string> ClientCredentialsAsync(string clientId, string secret)
    {
        using var client = Host.CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = SignIn.Audience,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"No token for {clientId}: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<TestIdentity> CreateAsync()
    {
        var infrastructure = await TestInfrastructure.Shared;
        var database = await infrastructure.CreateDatabaseAsync("identity");
        var host = new ServiceHost<IdentityService>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redproperty"] = database,
            ["Identity:Issuer"] = Issuer,
            ["Identity:Keys"] = "Ephemeral",
        });
        _ = host.Server;
        return new TestIdentity(host);
    }
}

/// <summary>Clients signed in as a role.</summary>
public static class SignedInClients
{
    public static HttpClient WithToken(this HttpClient client, string? token)
    {
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
