using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// The whole system as README command 1 starts it without Docker (Deps=local: the AppHost launches
/// the machine's PostgreSQL and RabbitMQ), driven through the gateway.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class AppHostTests
{
    [Fact]
    public async Task The_slice_works_through_the_gateway_of_the_running_AppHost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var data = Directory.CreateTempSubdirectory("redproperty-apphost-");
        // PostgreSQL runs as the postgres user, which must be able to enter the folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.FullName, (UnixFileMode)0b111_101_101);
        }
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RedProperty_AppHost>(
                AppHostArguments(data.FullName),
                timeout.Token);
            await using var app = await builder.BuildAsync(timeout.Token);
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
            await app.ResourceNotifications.WaitForResourceAsync("organization", KnownResourceStates.Running, timeout.Token);

            using var gateway = app.CreateHttpClient("gateway");
            var id = await gateway.RegisterCompany("天水市麦积区网关测试物业服务有限公司");
            var company = await gateway.EvaluationCompanyEventually(id);

            Assert.Equal("天水市麦积区网关测试物业服务有限公司", company.GetProperty("name").GetString());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    // With test servers from deploy/test.sh there is no container runtime: run the local servers,
    // on fixed ports (a free block below the ephemeral range). Otherwise the AppHost picks containers.
    private static string[] AppHostArguments(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable("REDPROPERTY_TEST_POSTGRES") is null)
        {
            return [];
        }

        var postgresPort = FreePortBlock(27400, 1);
        var rabbitPort = FreePortBlock(27600, 4); // AMQP, management, distribution, epmd
        return
        [
            "Deps=local",
            $"Local:DataDirectory={dataDirectory}",
            $"Local:PostgresPort={postgresPort}",
            $"Local:RabbitMqPort={rabbitPort}",
            $"Local:RabbitMqManagementPort={rabbitPort + 1}",
        ];
    }

    private static int FreePortBlock(int start, int size)
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
