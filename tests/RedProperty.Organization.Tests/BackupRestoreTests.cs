using System.Diagnostics;
using System.Net;
using Npgsql;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests;

/// <summary>
/// One service's schema backed up with pg_dump and restored with pg_restore while the service is
/// stopped (docs/operations.md, Backups): the service starts again on it with what the backup held,
/// nothing written after it, and takes new registrations.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("backup-restore");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [LocalServersFact]
    public async Task A_restored_schema_holds_what_the_backup_held_and_the_service_goes_on()
    {
        var dump = Path.Combine(Directory.CreateTempSubdirectory("redproperty-backup-").FullName, "organization.dump");
        var before = _system.Start<OrganizationService>();
        var org = new OrganizationClient(before.CreateClient());
        Guid[] kept = [await org.Company("天水市麦积区红苑物业服务有限公司"), await org.Company("天水市麦积区金山物业管理有限公司")];
        await PgAsync("pg_dump", "-n", "organization", "-Fc", "-f", dump);
        var after = await org.Company("天水市麦积区备份之后物业服务有限公司");
        await before.DisposeAsync();

        await PgAsync("pg_restore", "--clean", "--if-exists", "--no-owner", dump);

        var restored = _system.Start<OrganizationService>();
        using var client = restored.CreateClient();
        foreach (var id in kept)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/organization/companies/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/organization/companies/{after}")).StatusCode);
        var next = await new OrganizationClient(client).Company("天水市麦积区恢复之后物业服务有限公司");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/organization/companies/{next}")).StatusCode);
    }

    /// <summary>A PostgreSQL client tool of the server's own version, against this test's database.</summary>
    private async Task PgAsync(string tool, params string[] arguments)
    {
        var connection = new NpgsqlConnectionStringBuilder(_system.Database);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists).Order().LastOrDefault()
            ?? throw new InvalidOperationException($"{tool} is not installed.");
        var start = new ProcessStartInfo(bin) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", connection.Username!, "-d", connection.Database!, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool}: {await output}{await errors}");
    }
}
