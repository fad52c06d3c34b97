using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// One AppHost as README command 1 runs it, with an outside system's queue on the public feed from
/// the first moment (when the broker's port is known, Deps=local) and the seed's district loaded once
/// by deploy/demo.sh; the facts of <see cref="AppHostTests"/> share it.
/// </summary>
public sealed class RunningAppHost : IAsyncLifetime
{
    private readonly DirectoryInfo _data = AppHostLaunch.DataDirectory();
    private readonly List<string> _published = [];
    private PublicFeedWatch? _watch;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The AppHost's data folder (Deps=local: PostgreSQL's and RabbitMQ's files).</summary>
    public DirectoryInfo Data => _data;

    public Uri Gateway { get; private set; } = null!;

    public int? PostgresPort { get; private set; }

    public int? RabbitPort { get; private set; }

    /// <summary>deploy/demo.sh's exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Demo { get; private set; }

    public async Task InitializeAsync()
    {
        var (arguments, postgresPort, rabbitPort) = AppHostLaunch.AppHostArguments(_data.FullName);
        (PostgresPort, RabbitPort) = (postgresPort, rabbitPort);
        App = await AppHostLaunch.StartAsync(arguments);
        using var gateway = App.CreateHttpClient("gateway");
        Gateway = gateway.BaseAddress!;
        _watch = rabbitPort is { } port
            ? await PublicFeedWatch.StartAsync(new Uri($"amqp://redproperty:{AppHostLaunch.DevelopmentPassword}@127.0.0.1:{port}/"))
            : null;
        Demo = await AppHostLaunch.Script(Gateway, "deploy/demo.sh");
    }

    /// <summary>A gateway client with a development token from deploy/token.sh.</summary>
    public Task<HttpClient> SignedInAsync(params string[] role) => AppHostLaunch.SignedInAsync(App, role);

    /// <summary>Every CloudEvent the outside system's queue has received so far, each validated (Deps=local only).</summary>
    public async Task<IReadOnlyList<string>> PublishedAsync()
    {
        var watch = _watch ?? throw new InvalidOperationException("The public feed is watched only when the broker's port is known (Deps=local).");
        _published.AddRange(await watch.ValidatedIdsAsync());
        return _published;
    }

    /// <summary>The district log's position once it has not moved for two seconds (what is in flight has landed).</summary>
    public async Task<long> SettledPositionAsync()
    {
        using var anonymous = App.CreateHttpClient("gateway");
        var (last, since) = (-1L, DateTime.UtcNow);
        return await Eventually.Get<long?>(async () =>
        {
            var position = (await anonymous.GetFromJsonAsync<JsonElement>("/api/overview/figures")).GetProperty("position").GetInt64();
            if (position != last)
            {
                (last, since) = (position, DateTime.UtcNow);
            }

            return DateTime.UtcNow - since >= TimeSpan.FromSeconds(2) ? position : null;
        }, TimeSpan.FromMinutes(1), "the district log to settle") ?? 0;
    }

    public async Task DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }

        await App.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
