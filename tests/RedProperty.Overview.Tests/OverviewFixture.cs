using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RedProperty.Organization;

namespace RedProperty.Overview.Tests;

/// <summary>
/// Organization (a real publisher: its forwarder puts every event on the public feed) and Overview
/// (the district log) on the real PostgreSQL and RabbitMQ, and a plain AMQP client for what an
/// outside system sees.
/// </summary>
public sealed class OverviewFixture : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public ServiceHost<OrganizationService> Organization { get; private set; } = null!;

    public ServiceHost<OverviewService> Overview { get; private set; } = null!;

    public OrganizationClient Org { get; private set; } = null!;

    public ApiClient Integrator { get; private set; } = null!;

    public IConnection Amqp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await TestSystem.CreateAsync("overview");
        Overview = System.Start<OverviewService>();
        await Overview.ConsumersReadyAsync();
        Organization = System.Start<OrganizationService>();
        Org = new OrganizationClient(Organization.CreateClient());
        Integrator = new ApiClient(Overview.CreateClient().WithToken(await System.Identity.TokenAsync(BuildingBlocks.Security.Roles.IntegrationClient)));
        Amqp = await Broker.ConnectAsync(System.Broker.ConnectionUri, "overview-tests-integrator", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Amqp.DisposeAsync();
        await System.DisposeAsync();
    }

    /// <summary>An outside system's own queue on the public exchange, bound with <paramref name="pattern"/>.</summary>
    public Task<IntegratorQueue> BindAsync(string pattern) => IntegratorQueue.BindAsync(Amqp, pattern);
}

[CollectionDefinition(Name)]
public sealed class OverviewCollection : ICollectionFixture<OverviewFixture>
{
    public const string Name = "overview";
}
