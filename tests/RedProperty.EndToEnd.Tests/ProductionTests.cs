using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// Production as <c>eval "$(deploy/secrets.sh)" &amp;&amp; deploy/run.sh --production</c> runs it: every
/// service in Production, every secret the one configured, nothing of Development usable; and no start
/// at all while a secret is missing, weak or a development default.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class ProductionTests
{
    private static readonly string[] Services = ["identity", "organization", "evaluation", "consultation", "volunteering", "overview", "gateway"];

    [LocalServersFact]
    public async Task In_Production_no_development_account_key_or_secret_works_and_the_configured_secrets_are_the_ones_used()
    {
        var data = AppHostLaunch.DataDirectory();
        var secrets = await AppHostLaunch.FreshSecrets(Path.Combine(data.FullName, "secrets"));
        var (arguments, postgresPort, _) = AppHostLaunch.AppHostArguments(data.FullName);
        // As the environment gives them: Parameters__db_password is the configuration key Parameters:db_password.
        await using var app = await AppHostLaunch.StartAsync(
            [.. arguments, .. secrets.Select(s => $"{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}")], "Production");

        foreach (var service in Services)
        {
            Assert.Equal("Production", AppHostLaunch.EnvironmentOf(app, service));
        }

        using var gateway = app.CreateHttpClient("gateway");
        using (var token = await gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "dev-district-admin",
            ["client_secret"] = "redproperty-dev-secret",
            ["scope"] = "redproperty",
        })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        }

        using (var complaint = new HttpRequestMessage(HttpMethod.Post, "/api/evaluation/complaints")
        {
            Content = JsonContent.Create(new { description = "楼道灯不亮" }),
            Headers = { { "X-Api-Key", "red-property-dev-key" } },
        })
        using (var answer = await gateway.SendAsync(complaint))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        foreach (var service in new[] { "organization", "evaluation", "consultation", "volunteering", "overview" })
        {
            var page = await AppHostLaunch.ApiPageAsync(app, service);
            Assert.Contains("clientCredentials", page, StringComparison.Ordinal);
            Assert.DoesNotContain("redproperty-dev-secret", page, StringComparison.Ordinal);
            Assert.DoesNotContain("dev-district-admin", page, StringComparison.Ordinal);
        }

        // The administrator's password is the configured one, not the development default it would have
        // if the parameter ignored configuration.
        var administrator = $"Host=127.0.0.1;Port={postgresPort};Database=redproperty;Username=postgres;Pooling=false;Password=";
        await using (var configured = new NpgsqlConnection(administrator + secrets["Parameters__db_password"]))
        {
            await configured.OpenAsync();
        }

        await using var development = new NpgsqlConnection(administrator + AppHostLaunch.DevelopmentPassword);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => development.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    [LocalServersFact]
    public async Task Production_does_not_start_while_a_secret_is_missing_weak_or_a_development_default()
    {
        var directory = Directory.CreateTempSubdirectory("redproperty-secrets-");
        var secrets = new Dictionary<string, string>(await AppHostLaunch.FreshSecrets(directory.FullName));
        secrets.Remove("Parameters__admin_password");
        secrets["Parameters__db_password"] = "short";
        secrets["Parameters__broker_password"] = AppHostLaunch.DevelopmentPassword;

        var start = new System.Diagnostics.ProcessStartInfo("bash", ["deploy/run.sh", "--production"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (name, value) in secrets)
        {
            start.Environment[name] = value;
        }

        start.Environment["REDPROPERTY_NO_BUILD"] = "1";
#if DEBUG
        start.Environment["REDPROPERTY_CONFIGURATION"] = "Debug";
#endif
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output + await errors;

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Secret 'admin-password' is not set", printed, StringComparison.Ordinal);
        Assert.Contains("Secret 'db-password' is shorter than 16 characters", printed, StringComparison.Ordinal);
        Assert.Contains("Secret 'broker-password' is a development default", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret 'organization-person-key'", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Distributed application starting", printed, StringComparison.Ordinal);
    }
}
