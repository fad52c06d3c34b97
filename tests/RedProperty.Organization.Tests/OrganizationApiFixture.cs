using RedProperty.Testing;

namespace RedProperty.Organization.Tests;

/// <summary>The Organization service on real PostgreSQL and RabbitMQ, one database per test class.</summary>
public sealed class OrganizationApiFixture : IAsyncLifetime
{
    private TestSystem? _system;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-api");
        Client = _system.Start<OrganizationService>().CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}
