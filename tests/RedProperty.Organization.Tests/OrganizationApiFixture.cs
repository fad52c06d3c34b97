using RedProperty.Testing;

namespace RedProperty.Organization.Tests;

/// <summary>The Organization service on real PostgreSQL and RabbitMQ, one database per test class.</summary>
public sealed class OrganizationApiFixture : IAsyncLifetime
{
    public TestSystem System { get; private set; } = null!;

    public ServiceHost<OrganizationService> Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System = await TestSystem.CreateAsync("organization-api");
        Host = System.Start<OrganizationService>();
        Client = Host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }
}
