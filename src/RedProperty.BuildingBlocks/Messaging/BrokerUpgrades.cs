using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client.Exceptions;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>
/// Brings what an earlier version declared on the broker to what this one declares (RabbitMQ refuses
/// to declare a queue again with other arguments), before the bus or the topology step declares its own.
/// </summary>
public interface IBrokerUpgrade
{
    Task UpgradeAsync(CancellationToken cancellationToken);
}

/// <summary>Runs every <see cref="IBrokerUpgrade"/> at start, before the bus starts (registered before it).</summary>
internal sealed class BrokerUpgradeService(IEnumerable<IBrokerUpgrade> upgrades, ILogger<BrokerUpgradeService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(upgrades, cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            // The service starts without the broker (the bus connects later); so does this step, next start.
            logger.LogWarning(e, "Broker unreachable: its declarations of an earlier version are upgraded at the next start");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task RunAsync(IEnumerable<IBrokerUpgrade> upgrades, CancellationToken cancellationToken)
    {
        foreach (var upgrade in upgrades)
        {
            await upgrade.UpgradeAsync(cancellationToken);
        }
    }

    public static Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        RunAsync(services.GetServices<IBrokerUpgrade>(), cancellationToken);
}
