namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>Failures that say the database is out of reach for now, not that the work is wrong.</summary>
public static class DatabaseOutages
{
    /// <summary>
    /// Npgsql marks what a retry may cure (refused or broken connections, a server shutting down or
    /// starting) as transient; Marten wraps it, so look along the chain. "No suitable host" (a
    /// multi-host connection while no server is primary: during a failover) is not marked, but is
    /// cured by the promotion: any failure of Npgsql's own, not the server's, counts as an outage.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true } or Npgsql.NpgsqlException and not Npgsql.PostgresException)
            {
                return true;
            }
        }

        return false;
    }
}
