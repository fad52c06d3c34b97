using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Identity.Tests;

/// <summary>
/// The identity store over data an earlier version left: a store made before migrations (tables, no
/// history) is adopted with its accounts, and a second start over the migrated store changes nothing.
/// </summary>
public sealed class StoreMigrationTests
{
    [Fact]
    public async Task A_store_created_before_migrations_is_adopted_and_its_operators_still_sign_in()
    {
        var infrastructure = await TestInfrastructure.Shared;
        var database = await infrastructure.CreateDatabaseAsync("identity-earlier");

        // What versions before migrations did on first start: that version's tables (the first
        // migration's), no history.
        var options = new DbContextOptionsBuilder<IdentityDb>().UseNpgsql(database, IdentityDb.Npgsql).UseOpenIddict().Options;
        await using (var earlier = new IdentityDb(options))
        {
            await earlier.GetService<IMigrator>().MigrateAsync(earlier.Database.GetMigrations().First());
            await earlier.Database.ExecuteSqlRawAsync($"DROP TABLE {IdentityDb.Schema}.__ef_migrations");
            var account = new Operator { UserName = "earlier-admin", DisplayName = "早期管理员", PasswordHash = "", Scope = new AccountScope([Roles.DistrictAdmin]) };
            account.PasswordHash = new PasswordHasher<Operator>().HashPassword(account, "Maiji-2022-earlier");
            earlier.Operators.Add(account);
            await earlier.SaveChangesAsync();
        }

        for (var start = 1; start <= 2; start++)
        {
            await using var host = StartIdentity(database);
            using var client = host.CreateClient();
            using var health = await client.GetAsync("/health");
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"start {start}: {await health.Content.ReadAsStringAsync()}");

            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<AccountStore>().CheckPasswordAsync("earlier-admin", "Maiji-2022-earlier", CancellationToken.None));
        }
    }

    private static ServiceHost<IdentityService> StartIdentity(string database)
    {
        var host = new ServiceHost<IdentityService>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redproperty"] = database,
            ["Identity:Issuer"] = TestIdentity.Issuer,
            ["Identity:Keys"] = "Ephemeral",
        });
        _ = host.Server;
        return host;
    }
}
