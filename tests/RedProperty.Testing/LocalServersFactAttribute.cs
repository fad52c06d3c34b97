namespace RedProperty.Testing;

/// <summary>
/// A test that drives the machine's own PostgreSQL and RabbitMQ as processes (Deps=local: their ports,
/// administrators and data folders): skipped, with this reason, where the test servers are containers.
/// </summary>
public sealed class LocalServersFactAttribute : FactAttribute
{
    public LocalServersFactAttribute()
    {
        if (!TestInfrastructure.UsesLocalServers)
        {
            Skip = "Needs the machine's own PostgreSQL and RabbitMQ (deploy/test.sh without a container runtime); with Testcontainers the AppHost runs containers whose ports and data this test cannot reach.";
        }
    }

}
