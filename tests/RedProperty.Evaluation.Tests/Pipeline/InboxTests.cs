using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Hosting;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Pipeline;

public sealed record Tick(Guid StreamId);

public sealed record Ticked(Guid Id, Guid StreamId);

/// <summary>An effect that is not idempotent by nature: every application stores one more document.</summary>
public sealed class TickConsumer(Inbox inbox) : InboxConsumer<Tick>(inbox)
{
    /// <summary>Streams whose ticks fail, as a message fails while its cause (a bug, a missing row) lasts.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> Failing = new();

    /// <summary>Streams whose ticks fail this many more times, as a conflict with a concurrent writer does.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> FailingTimes = new();

    /// <summary>Streams whose ticks find the database out of reach this many more times, as during a failover.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> UnreachableTimes = new();

    protected override Task Apply(Tick message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (FailingTimes.TryGetValue(message.StreamId, out var left) && left > 0 && FailingTimes.TryUpdate(message.StreamId, left - 1, left))
        {
            throw new InvalidOperationException($"Tick {message.StreamId} lost a race; {left - 1} more to lose.");
        }

        if (UnreachableTimes.TryGetValue(message.StreamId, out var outage) && outage > 0 && UnreachableTimes.TryUpdate(message.StreamId, outage - 1, outage))
        {
            // What Npgsql throws while no server is primary.
            throw new Npgsql.NpgsqlException("No suitable host was found.");
        }

        if (Failing.ContainsKey(message.StreamId))
        {
            throw new InvalidOperationException($"Tick {message.StreamId} cannot be applied yet.");
        }

        session.Store(new Ticked(Guid.NewGuid(), message.StreamId));
        return Task.CompletedTask;
    }
}

/// <summary>Which redelivery round each successful consumption was in (null: the first).</summary>
public sealed class Attempts : IConsumeMessageObserver<Tick>
{
    public System.Collections.Concurrent.ConcurrentDictionary<Guid, (int Attempt, int? Round, int? OutageRound)> Succeeded { get; } = new();

    public Task PreConsume(ConsumeContext<Tick> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<Tick> context)
    {
        var headers = context.ReceiveContext.TransportHeaders;
        Succeeded[context.Message.StreamId] = (context.GetRetryAttempt(), headers.Get<int>(ErrorQueues.RedeliveryHeader), headers.Get<int>(ErrorQueues.OutageRedeliveryHeader));
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<Tick> context, Exception exception) => Task.CompletedTask;
}

/// <summary>Holds the first delivery of a message after its commit and before its ack, until released.</summary>
public sealed class HoldBeforeAck : IConsumeMessageObserver<Tick>
{
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid? Target { get; set; }

    public int Redeliveries { get; private set; }

    public Task PreConsume(ConsumeContext<Tick> context) => Task.CompletedTask;

    public async Task PostConsume(ConsumeContext<Tick> context)
    {
        if (context.MessageId != Target)
        {
            return;
        }

        if (context.ReceiveContext.Redelivered)
        {
            Redeliveries++;
            return;
        }

        Held.TrySetResult();
        await Release.Task;
    }

    public Task ConsumeFault(ConsumeContext<Tick> context, Exception exception) => Task.CompletedTask;
}

/// <summary>The inbox of BuildingBlocks on a real broker and database, with a consumer whose effect counts.</summary>
public sealed class InboxTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private IHost _host = null!;
    private readonly ConsumedMessages<Tick> _deliveries = new();
    private readonly HoldBeforeAck _hold = new();
    private readonly Attempts _attempts = new();

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("inbox");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redproperty"] = _system.Database,
            ["ConnectionStrings:messaging"] = _system.Broker.ConnectionUri.ToString(),
            ["EventStore:DaemonMode"] = "Solo",
            // A failing message is retried once, waits 3 s once, then goes to the error queue;
            // one that finds the database out of reach waits 1 s, up to three times, first.
            ["Messaging:RetryLimit"] = "1",
            ["Messaging:RedeliveryRounds"] = "1",
            ["Messaging:RedeliveryDelay"] = "00:00:03",
            ["Messaging:OutageRedeliveryRounds"] = "3",
            ["Messaging:OutageRedeliveryDelay"] = "00:00:01",
        });
        builder.AddMessaging("inbox-test", bus => bus.AddConsumer<TickConsumer>());
        builder.AddEventStore("inbox_test", _ => { });
        _host = builder.Build();
        var bus = _host.Services.GetRequiredService<IBus>();
        bus.ConnectConsumeMessageObserver(_deliveries);
        bus.ConnectConsumeMessageObserver(_hold);
        bus.ConnectConsumeMessageObserver(_attempts);
        await _host.StartAsync();
        await _system.Broker.ConsumerReadyAsync("inbox-test-tick");
    }

    public async Task DisposeAsync()
    {
        _hold.Release.TrySetResult();
        await _host.StopAsync();
        _host.Dispose();
        await _system.DisposeAsync();
    }

    private async Task<int> Applied(Guid stream)
    {
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<Ticked>().CountAsync(t => t.StreamId == stream);
    }

    [Fact]
    public async Task Concurrent_duplicates_are_applied_once()
    {
        var tick = new Tick(Guid.CreateVersion7());
        var messageId = Guid.NewGuid();
        var bus = _host.Services.GetRequiredService<IBus>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => bus.Publish(tick, c => c.MessageId = messageId)));
        await Eventually.True(() => Task.FromResult(_deliveries.Count(messageId) == 5), what: "all five deliveries");

        Assert.Equal(1, await Applied(tick.StreamId));
    }

    [Fact]
    public async Task A_message_that_fails_once_is_applied_by_its_immediate_retry_without_waiting_for_redelivery()
    {
        var tick = new Tick(Guid.CreateVersion7());
        TickConsumer.FailingTimes[tick.StreamId] = 1;
        await _host.Services.GetRequiredService<IBus>().Publish(tick);

        await Eventually.True(async () => await Applied(tick.StreamId) == 1, what: "the tick applied");
        // Applied in the first round: it never went round the delay queue (which stamps the round).
        Assert.Null(_attempts.Succeeded[tick.StreamId].Round);
    }

    [Fact]
    public async Task A_message_that_finds_the_database_out_of_reach_comes_back_soon_on_rounds_of_its_own()
    {
        // Two tries a delivery: six failures use up the first delivery and two outage rounds; the third round succeeds.
        // Ordinary redelivery would have parked it after its one round.
        var tick = new Tick(Guid.CreateVersion7());
        TickConsumer.UnreachableTimes[tick.StreamId] = 6;
        await _host.Services.GetRequiredService<IBus>().Publish(tick);

        await Eventually.True(async () => await Applied(tick.StreamId) == 1, TimeSpan.FromSeconds(60), "the tick applied once the outage is over");
        Assert.Equal((0, (int?)null, (int?)3), _attempts.Succeeded[tick.StreamId]);
        Assert.NotNull(await _system.Broker.QueueAsync(DelayQueues.NameOf("inbox-test-tick", TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public async Task An_outage_longer_than_its_rounds_goes_on_to_the_ordinary_rounds_then_to_the_error_queue()
    {
        var tick = new Tick(Guid.CreateVersion7());
        var messageId = Guid.NewGuid();
        TickConsumer.UnreachableTimes[tick.StreamId] = int.MaxValue;
        await _host.Services.GetRequiredService<IBus>().Publish(tick, c => c.MessageId = messageId);

        var parked = await Parked(messageId);
        Assert.Equal(3, parked.Headers[ErrorQueues.OutageRedeliveryHeader].GetInt32());
        Assert.Equal(1, parked.Headers[ErrorQueues.RedeliveryHeader].GetInt32());
        TickConsumer.UnreachableTimes.TryRemove(tick.StreamId, out _);
        Assert.Equal(0, await Applied(tick.StreamId));
    }

    [Fact]
    public async Task A_message_redelivered_after_its_commit_but_before_its_ack_has_no_second_effect()
    {
        var tick = new Tick(Guid.CreateVersion7());
        var messageId = Guid.NewGuid();
        _hold.Target = messageId;
        await _host.Services.GetRequiredService<IBus>().Publish(tick, c => c.MessageId = messageId);

        // Committed, not yet acknowledged: the connection dies as if the process were killed here.
        await _hold.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await Applied(tick.StreamId));
        // The management API lists a new connection a moment after it opens.
        await Eventually.True(async () => await _system.Broker.CloseConnectionsAsync() > 0, what: "the consumer's connection closed");
        _hold.Release.TrySetResult();

        // The broker hands the unacknowledged message out again, flagged as redelivered.
        await Eventually.True(() => Task.FromResult(_hold.Redeliveries > 0), TimeSpan.FromSeconds(60), "the broker's redelivery");
        Assert.Equal(1, await Applied(tick.StreamId));
    }

    [Fact]
    public async Task Messages_moved_back_from_the_error_queue_get_their_redeliveries_again_and_are_applied_once_the_cause_is_gone()
    {
        var tick = new Tick(Guid.CreateVersion7());
        var messageId = Guid.NewGuid();
        TickConsumer.Failing[tick.StreamId] = true;
        await _host.Services.GetRequiredService<IBus>().Publish(tick, c => c.MessageId = messageId);
        var parked = await Parked(messageId);
        Assert.Equal(1, parked.Headers[ErrorQueues.RedeliveryHeader].GetInt32());
        Assert.Equal(0, await Applied(tick.StreamId));

        // Moved back while the cause lasts: it goes round the delay queue again before it is parked again.
        Assert.Equal(1, await ErrorQueues.MoveBackAsync(_system.Broker.ConnectionUri, "inbox-test-tick", ErrorQueues.MaxPerCall, CancellationToken.None));
        await Eventually.Get(async () => (await _system.Broker.PeekAsync(DelayQueues.NameOf("inbox-test-tick", TimeSpan.FromSeconds(3)))).FirstOrDefault(m => m.Payload.Contains(messageId.ToString())),
            what: "the moved-back message waiting for its redelivery again");
        await Parked(messageId);

        TickConsumer.Failing.TryRemove(tick.StreamId, out _);
        Assert.Equal(1, await ErrorQueues.MoveBackAsync(_system.Broker.ConnectionUri, "inbox-test-tick", ErrorQueues.MaxPerCall, CancellationToken.None));
        await Eventually.True(async () => await Applied(tick.StreamId) == 1, what: "the tick applied after the move");
        // The management API's counts trail by a few seconds.
        await Eventually.True(async () => (await _system.Broker.QueueAsync("inbox-test-tick_error"))?.Messages == 0, what: "the error queue empty");
        Assert.Equal(1, await Applied(tick.StreamId));
        Assert.Null(await ErrorQueues.MoveBackAsync(_system.Broker.ConnectionUri, "inbox-test-no-such-queue", 10, CancellationToken.None));
    }

    private Task<QueuedMessage> Parked(Guid messageId) =>
        Eventually.Get(async () => (await _system.Broker.PeekAsync("inbox-test-tick_error")).FirstOrDefault(m => m.Payload.Contains(messageId.ToString())),
            TimeSpan.FromSeconds(60), "the tick parked in the error queue");

    [Fact]
    public async Task A_message_no_consumer_of_the_queue_handles_is_counted_as_skipped()
    {
        using var skipped = new CountedMeasurements("redproperty.consumer.skipped", "inbox-test-tick");

        var endpoint = await _host.Services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:inbox-test-tick"));
        await endpoint.Send(new Ticked(Guid.NewGuid(), Guid.NewGuid()));

        await Eventually.True(() => Task.FromResult(skipped.Total > 0), what: "the skipped message counted");
        await Eventually.True(async () => (await _system.Broker.QueueAsync("inbox-test-tick_skipped"))?.Messages == 1, what: "the message in the skipped queue");
    }
}
