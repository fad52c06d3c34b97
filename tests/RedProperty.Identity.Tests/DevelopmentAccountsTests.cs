using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Identity.Tests;

/// <summary>
/// A store first used in Development holds logins whose secret the README publishes: started anywhere
/// else, the identity service revokes them, and an operator named <c>admin</c> with a password of
/// its own is left alone.
/// </summary>
public sealed class DevelopmentAccountsTests
{
    [Fact]
    public async Task Outside_Development_the_development_clients_are_revoked_and_the_development_operator_disabled()
    {
        var database = await (await TestInfrastructure.Shared).CreateDatabaseAsync("identity-production");
        await using (var development = Start(database, "Development"))
        {
            Assert.Equal(HttpStatusCode.OK, await TokenStatus(development, $"dev-{Roles.DistrictAdmin}"));
        }

        await using var production = Start(database, "Production");

        foreach (var role in new[] { Roles.DistrictAdmin, Roles.Inspector, Roles.Auditor, Roles.IntegrationClient })
        {
            Assert.NotEqual(HttpStatusCode.OK, await TokenStatus(production, $"dev-{role}"));
        }

        await using var scope = production.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();
        Assert.Null(await accounts.CheckPasswordAsync("admin", IdentityService.DevelopmentSecret, CancellationToken.None));
        Assert.Null(await accounts.ActiveOperatorAsync("admin", CancellationToken.None));
    }

    [Fact]
    public async Task An_operator_named_admin_with_a_password_of_its_own_stays()
    {
        var database = await (await TestInfrastructure.Shared).CreateDatabaseAsync("identity-own-admin");
        await using (var development = Start(database, "Development"))
        {
            await using var scope = development.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AccountStore>().PutOperatorAsync(
                "admin", "区住建中心管理员", "Maiji-Production-2022!", new AccountScope([Roles.DistrictAdmin]), CancellationToken.None);
        }

        await using var production = Start(database, "Production");
        await using var after = production.Services.CreateAsyncScope();

        Assert.NotNull(await after.ServiceProvider.GetRequiredService<AccountStore>().CheckPasswordAsync("admin", "Maiji-Production-2022!", CancellationToken.None));
    }

    [Fact]
    public async Task The_configured_administrator_password_replaces_the_development_one_and_signs_in()
    {
        var database = await (await TestInfrastructure.Shared).CreateDatabaseAsync("identity-first-admin");
        await using (Start(database, "Development"))
        {
        }

        const string password = "麦积区-Production-Secret-42";
        await using var production = Start(database, "Production", password);
        await using var scope = production.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();

        var admin = await accounts.CheckPasswordAsync("admin", password, CancellationToken.None);
        Assert.NotNull(admin);
        Assert.Contains(Roles.DistrictAdmin, admin.Scope.Roles);
        Assert.False(await accounts.HasPasswordAsync("admin", IdentityService.DevelopmentSecret, CancellationToken.None));
    }

    [Fact]
    public async Task On_an_empty_store_the_configured_administrator_is_created()
    {
        var database = await (await TestInfrastructure.Shared).CreateDatabaseAsync("identity-new-admin");
        await using var production = Start(database, "Production", "甘肃天水-Strong-Secret-7");
        await using var scope = production.Services.CreateAsyncScope();

        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<AccountStore>().CheckPasswordAsync("admin", "甘肃天水-Strong-Secret-7", CancellationToken.None));
    }

    private static async Task<HttpStatusCode> TokenStatus(ServiceHost<IdentityService> identity, string clientId)
    {
        using var client = identity.CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = IdentityService.DevelopmentSecret,
            ["scope"] = SignIn.Audience,
        }));
        return response.StatusCode;
    }

    private static ServiceHost<IdentityService> Start(string database, string environment, string? administratorPassword = null)
    {
        var host = new ServiceHost<IdentityService>(new Dictionary<string, string?>
        {
            ["environment"] = environment,
            ["ConnectionStrings:redproperty"] = database,
            ["Identity:Issuer"] = TestIdentity.Issuer,
            ["Identity:Keys"] = "Ephemeral",
            ["Identity:AllowPlainHttp"] = "true",
            ["Identity:Administrator:Password"] = administratorPassword,
        });
        _ = host.Server;
        return host;
    }
}
