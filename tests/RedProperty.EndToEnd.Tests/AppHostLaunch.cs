using System.Net.Http.Headers;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>How the tests start the AppHost as README command 1 does, and run deploy/ scripts against it.</summary>
public static class AppHostLaunch
{
    /// <summary>The development default of every password the AppHost provisions.</summary>
    public const string DevelopmentPassword = "redproperty-dev-password";

    /// <summary>Starts the AppHost with <paramref name="arguments"/>; returns once the gateway, which waits for every service, is healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(string[] arguments, string environment = "Development")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RedProperty_AppHost>(
            arguments, (_, host) => host.EnvironmentName = environment, timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        return app;
    }

    /// <summary>A gateway client with a development token from deploy/token.sh for <paramref name="role"/> (and its limit).</summary>
    public static async Task<HttpClient> SignedInAsync(DistributedApplication app, params string[] role)
    {
        var client = app.CreateHttpClient("gateway");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFromScript(client.BaseAddress!, role));
        return client;
    }

    /// <summary>A data folder for one AppHost (PostgreSQL runs as the postgres user, which must be able to enter it).</summary>
    public static DirectoryInfo DataDirectory()
    {
        var data = Directory.CreateTempSubdirectory("redproperty-apphost-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_101_101);
        }

        return data;
    }

    /// <summary>Runs a deploy/ script against the gateway: its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> Script(Uri gateway, string script, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDPROPERTY_GATEWAY"] = gateway.ToString().TrimEnd('/');
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, $"{await output}\n{await errors}");
    }

    /// <summary>The environment (ASPNETCORE_ENVIRONMENT) the AppHost gave a service's process.</summary>
    public static string? EnvironmentOf(DistributedApplication app, string resource) =>
        app.ResourceNotifications.TryGetCurrentState(resource, out var state)
            ? state.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_ENVIRONMENT")?.Value
            : throw new InvalidOperationException($"No resource {resource}.");

    /// <summary>A service's API reference page (Scalar) as its browser would get it.</summary>
    public static async Task<string> ApiPageAsync(DistributedApplication app, string service)
    {
        using var client = app.CreateHttpClient(service, "http");
        using var response = await client.GetAsync("/scalar/");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The export lines of deploy/secrets.sh as name and value (its certificate goes to <paramref name="directory"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FreshSecrets(string directory)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["deploy/secrets.sh"]) { RedirectStandardOutput = true, WorkingDirectory = Repository.Root };
        start.Environment["REDPROPERTY_SECRETS_DIR"] = directory;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, "^export ([A-Za-z_]+)='([^']*)'$"))
            .ToDictionary(m => m.Success ? m.Groups[1].Value : throw new InvalidOperationException("Not an export line"), m => m.Groups[2].Value);
    }

    /// <summary>Runs deploy/token.sh against the gateway; its last line is the bare token.</summary>
    public static async Task<string> TokenFromScript(Uri gateway, params string[] arguments)
    {
        var (exitCode, output) = await Script(gateway, "deploy/token.sh", arguments);
        Assert.True(exitCode == 0, $"deploy/token.sh failed: {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).First(line => line.StartsWith("ey", StringComparison.Ordinal));
    }

    // With test servers from deploy/test.sh there is no container runtime: run the local servers,
    // on fixed ports (a free block below the ephemeral range). Otherwise the AppHost picks containers.
    public static (string[] Arguments, int? PostgresPort, int? RabbitPort) AppHostArguments(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable("REDPROPERTY_TEST_POSTGRES") is null)
        {
            return ([], null, null);
        }

        var postgresPort = FreePortBlock(27400, 1);
        var rabbitPort = FreePortBlock(27600, 4); // AMQP, management, distribution, epmd
        return (
        [
            "Deps=local",
            $"Local:DataDirectory={dataDirectory}",
            $"Local:PostgresPort={postgresPort}",
            $"Local:RabbitMqPort={rabbitPort}",
            $"Local:RabbitMqManagementPort={rabbitPort + 1}",
        ], postgresPort, rabbitPort);
    }

    /// <summary>A free port from <paramref name="start"/> on.</summary>
    public static int FreePort(int start) => FreePortBlock(start, 1);

    public static int FreePortBlock(int start, int size)
    {
        for (var port = start; port < start + 150; port += size)
        {
            if (Enumerable.Range(port, size).All(IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No {size} free ports from {start}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
