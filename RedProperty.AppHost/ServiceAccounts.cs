using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Npgsql;
using RedProperty.Contracts;

namespace RedProperty.AppHost;

/// <summary>
/// Least privilege underneath: each service connects as its own PostgreSQL role, which owns its
/// schema and nothing else, and as its own RabbitMQ user, which may write only to its own exchanges
/// and queues, so no service can read another's tables or publish another's events (on the public
/// feed too: a topic permission limits its routing keys to its own CloudEvents types). Limits that
/// remain: MassTransit declares the contract exchanges it consumes, so a service may configure (and
/// so delete) any <c>redproperty.*</c> exchange and read (bind from, or take parked messages of) them;
/// bus queues (<c>*_bus_*</c>) and MassTransit's fault exchanges are shared. The AppHost provisions
/// both with the administrator's credentials before any service starts, and again (idempotently)
/// on each start.
/// </summary>
public sealed partial class ServiceAccounts
{
    public const string DevelopmentPassword = "redproperty-dev-password";
    private readonly List<Account> _accounts = [];

    public sealed record Account(string Service, IResourceBuilder<ParameterResource> DatabasePassword, IResourceBuilder<ParameterResource> BrokerPassword);

    public IReadOnlyList<Account> All => _accounts;

    public Account For(IDistributedApplicationBuilder builder, string service)
    {
        if (_accounts.FirstOrDefault(a => a.Service == service) is { } existing)
        {
            return existing;
        }

        var account = new Account(
            service,
            builder.AddSecret($"{service}-db-password"),
            builder.AddSecret($"{service}-broker-password"));
        _accounts.Add(account);
        return account;
    }

    public async Task ProvisionDatabaseAsync(string administrator, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(administrator);
        await connection.OpenAsync(cancellationToken);
        foreach (var account in _accounts)
        {
            var role = Identifier(account.Service);
            var password = (await account.DatabasePassword.Resource.GetValueAsync(cancellationToken))!.Replace("'", "''", StringComparison.Ordinal);
            await using var command = new NpgsqlCommand($"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} LOGIN; END IF;
                END $$;
                ALTER ROLE {role} WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '{password}';
                CREATE SCHEMA IF NOT EXISTS {role} AUTHORIZATION {role};
                ALTER SCHEMA {role} OWNER TO {role};
                REVOKE ALL ON SCHEMA {role} FROM PUBLIC;
                -- What an earlier version created as the administrator now belongs to the service.
                DO $$ DECLARE r record; BEGIN
                  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = '{role}' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> '{role}' LOOP
                    EXECUTE format('ALTER TABLE %s OWNER TO {role}', r.name);
                  END LOOP;
                  FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = '{role}' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> '{role}' LOOP
                    EXECUTE format('ALTER SEQUENCE %s OWNER TO {role}', r.name);
                  END LOOP;
                  FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                           WHERE n.nspname = '{role}' AND pg_get_userbyid(p.proowner) <> '{role}' LOOP
                    EXECUTE format('ALTER ROUTINE %s OWNER TO {role}', r.name);
                  END LOOP;
                END $$;
                -- Marten checks CREATE on the database before "CREATE SCHEMA IF NOT EXISTS" of its own schema.
                GRANT CONNECT, CREATE ON DATABASE {Identifier(connection.Database)} TO {role};
                """, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ProvisionBrokerAsync(HttpClient management, string virtualHost, CancellationToken cancellationToken)
    {
        var vhost = Uri.EscapeDataString(virtualHost);
        foreach (var account in _accounts)
        {
            var user = account.Service;
            var password = await account.BrokerPassword.Resource.GetValueAsync(cancellationToken);
            await Ok(management.PutAsJsonAsync($"api/users/{user}", new { password, tags = "" }, cancellationToken));
            // Own: its queues and endpoint exchanges ("{service}-…"), its contracts and replay exchange
            // ("redproperty.{service}.…"), bus queues ("…_bus_…"), MassTransit's fault exchanges and the
            // parking exchange (a publish that falls through to it is written there). Others' contract
            // and replay exchanges it may declare and bind from (configure, read), never publish to (write).
            // The public feed's exchange is everyone's: each may declare it, bind from it and write to it,
            // but the topic permission below lets it write only its own routing keys (CloudEvents types).
            var own = $@"{user}-.*|redproperty\.{user}\..*|.*_bus_.*|MassTransit:Fault.*|{Regex.Escape(RedProperty.BuildingBlocks.Topology.UnroutedParking.Exchange)}|{Regex.Escape(PublicEvents.Exchange)}";
            await Ok(management.PutAsJsonAsync($"api/permissions/{vhost}/{user}", new
            {
                configure = $@"^({own}|redproperty\..*)$",
                write = $"^({own})$",
                read = $@"^({own}|redproperty\..*)$",
            }, cancellationToken));
            await Ok(management.PutAsJsonAsync($"api/topic-permissions/{vhost}/{user}", new
            {
                exchange = PublicEvents.Exchange,
                write = $"^{Regex.Escape($"{PublicEvents.TypePrefix}redproperty.{user}.")}",
                read = ".*",
            }, cancellationToken));
        }
    }

    private static string Identifier(string name) =>
        IdentifierPattern().IsMatch(name) ? name : throw new InvalidOperationException($"'{name}' is not a plain lower-case identifier.");

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"RabbitMQ management API: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
