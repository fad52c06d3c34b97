using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RedProperty.BuildingBlocks.Hosting;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Pipeline;

/// <summary>
/// Jobs that change the store (escalations, overdue flags, retention) run one pass at a time across
/// every instance of a service: a second instance skips the pass while the first holds it, and runs
/// the next one once it is free.
/// </summary>
public sealed class ExclusivePeriodicJobTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("exclusive-jobs");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_second_instance_skips_a_pass_the_first_is_running_and_takes_the_next()
    {
        var store = _system.Start<EvaluationService>().Services.GetRequiredService<IDocumentStore>();
        var first = new Probe(store);
        var second = new Probe(store);

        var running = await first.EnterAsync();
        Assert.NotNull(running);
        Assert.Null(await second.EnterAsync());

        await running.DisposeAsync();
        var next = await second.EnterAsync();
        Assert.NotNull(next);
        Assert.Null(await first.EnterAsync());
        await next.DisposeAsync();
    }

    private sealed class Probe(IDocumentStore store) : ExclusivePeriodicJob(store, TimeProvider.System, NullLogger.Instance)
    {
        protected override TimeSpan Interval => TimeSpan.FromDays(1);

        protected override string Work => "Probing the pass lock";

        public Task<IAsyncDisposable?> EnterAsync() => EnterPassAsync(CancellationToken.None);

        protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
