using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.Topology;
using RedProperty.Evaluation;
using RedProperty.Evaluation.Companies;
using RedProperty.Organization;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// The pipeline under the faults a deployment sees: a subscriber that starts late, a replay, the
/// database away while messages arrive, two instances of a publishing service.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class PipelineTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("pipeline");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_subscriber_that_starts_after_the_publisher_gets_every_event_once()
    {
        const int count = 20;
        // The step the AppHost runs first: Evaluation declares its queues and exits.
        await _system.DeployTopologyAsync<EvaluationService>();

        var organizationHost = _system.Start<OrganizationService>();
        var organization = organizationHost.CreateClient();
        var ids = new List<Guid>();
        for (var i = 1; i <= count; i++)
        {
            ids.Add(await organization.RegisterCompany($"天水市麦积区晚到订阅第{i}号物业有限公司"));
        }

        // Everything is published and waits in Evaluation's queue before Evaluation exists.
        await Eventually.True(async () => (await _system.Broker.QueueAsync("evaluation-property-company-registered"))?.Messages == count,
            what: $"{count} registrations queued for Evaluation");

        var evaluationHost = _system.Start<EvaluationService>();
        var deliveries = new ConsumedMessages<V1.PropertyCompanyRegistered>();
        evaluationHost.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(deliveries);
        var evaluation = evaluationHost.CreateClient();
        foreach (var id in ids)
        {
            await evaluation.EvaluationCompanyEventually(id);
        }

        Assert.Equal(count, await DirectoryCount(evaluationHost));
        Assert.Equal(count, await InboxCount(evaluationHost));
    }

    [Fact]
    public async Task A_publish_that_no_queue_is_bound_to_is_parked_and_can_be_published_again()
    {
        // No topology step, no subscriber: RabbitMQ alone would drop this registration.
        var organization = _system.Start<OrganizationService>().CreateClient();
        var id = await organization.RegisterCompany("天水市麦积区无人订阅物业有限公司");

        var parked = await Eventually.Get(async () =>
            (await _system.Broker.PeekAsync(UnroutedParking.Queue)).FirstOrDefault(m => m.Payload.Contains(id.ToString())),
            what: "the registration parked in redproperty.unrouted");
        Assert.Contains(V1.PropertyCompanyRegistered.MessageName, parked.Payload);

        // Its public CloudEvent too (no district log's queue yet), under its type.
        await Eventually.Get(async () =>
            (await _system.Broker.PeekAsync(UnroutedParking.Queue)).FirstOrDefault(m => m.Payload.Contains(id.ToString()) && m.Payload.Contains("\"specversion\"")),
            what: "the registration's CloudEvent parked in redproperty.unrouted");

        // Once a subscriber's queue exists, the parked message is published again and reaches it; the public copy
        // reaches a queue bound to the public feed.
        await _system.DeployTopologyAsync<EvaluationService>();
        await using var amqp = await RedProperty.BuildingBlocks.Messaging.Broker.ConnectAsync(_system.Broker.ConnectionUri, "pipeline-public-watch", CancellationToken.None);
        await using var watch = await IntegratorQueue.BindAsync(amqp, "cn.gov.redproperty.organization.#");
        var response = await organization.PostAsync("/api/organization/unrouted/republish", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32() >= 2);
        var evaluation = _system.Start<EvaluationService>().CreateClient();
        await evaluation.EvaluationCompanyEventually(id);
        var seen = new List<string>();
        await Eventually.True(async () =>
        {
            seen.AddRange((await watch.DrainAsync()).Select(IntegratorQueue.Text));
            return seen.Any(m => m.Contains(id.ToString(), StringComparison.Ordinal));
        }, what: "the CloudEvent published again to the public feed");
        Assert.DoesNotContain(await _system.Broker.PeekAsync(UnroutedParking.Queue), m => m.Payload.Contains(id.ToString()));
    }

    [Fact]
    public async Task A_replay_to_one_queue_restores_a_lost_entry_and_changes_nothing_else()
    {
        var evaluationHost = _system.Start<EvaluationService>();
        await evaluationHost.ConsumersReadyAsync();
        var deliveries = new ConsumedMessages<V1.PropertyCompanyRegistered>();
        evaluationHost.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(deliveries);
        var organizationHost = _system.Start<OrganizationService>();
        var organization = organizationHost.CreateClient();
        var evaluation = evaluationHost.CreateClient();
        var kept = await organization.RegisterCompany("天水市麦积区重放保留物业有限公司");
        var lost = await organization.RegisterCompany("天水市麦积区重放恢复物业有限公司");
        await evaluation.EvaluationCompanyEventually(kept);
        await evaluation.EvaluationCompanyEventually(lost);

        // A read model rebuilt without one entry: its row and its inbox record are gone.
        string lostInbox;
        await using (var events = organizationHost.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            lostInbox = $"{nameof(PropertyCompanyRegisteredConsumer)}/{(await events.Events.FetchStreamAsync(lost))[0].Id:N}";
        }

        await using (var session = evaluationHost.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Delete<CompanyDirectoryEntry>(lost);
            session.Delete<InboxRecord>(lostInbox);
            await session.SaveChangesAsync();
        }

        var keptBefore = await DirectoryEntry(evaluationHost, kept);
        var before = deliveries.Deliveries;
        var response = await organization.PostAsJsonAsync("/api/organization/integration-events/replay", new
        {
            queue = "evaluation-property-company-registered",
            fromSequence = 0,
            contracts = new[] { V1.PropertyCompanyRegistered.MessageName },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("published").GetInt32());
        Assert.False(result.GetProperty("more").GetBoolean());

        await evaluation.EvaluationCompanyEventually(lost);
        await Eventually.True(() => Task.FromResult(deliveries.Deliveries == before + 2), what: "both replayed messages delivered");
        // The kept one arrived again and its inbox dropped it: still one record, entry untouched.
        Assert.Equal(keptBefore, await DirectoryEntry(evaluationHost, kept));
        Assert.Equal(2, await DirectoryCount(evaluationHost));
        Assert.Equal(2, await InboxCount(evaluationHost));
        // Only the named queue got them: no updates were replayed anywhere, no error or skipped messages.
        Assert.Null(await _system.Broker.QueueAsync("evaluation-property-company-registered_skipped"));
        Assert.Null(await _system.Broker.QueueAsync("evaluation-property-company-registered_error"));

        // A queue nobody bound under that name is refused, not created and filled.
        var unknown = await organization.PostAsJsonAsync("/api/organization/integration-events/replay", new
        {
            queue = "evaluation-no-such-queue",
            fromSequence = 0,
            contracts = new[] { V1.PropertyCompanyRegistered.MessageName },
        });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(await _system.Broker.QueueAsync("evaluation-no-such-queue"));
    }

    [Fact]
    public async Task A_replay_request_without_a_queue_is_400_naming_the_field()
    {
        var organization = _system.Start<OrganizationService>().CreateClient();
        var response = await organization.PostAsJsonAsync("/api/organization/integration-events/replay", new { fromSequence = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("queue", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("fromSequence", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("contracts", out _));
    }

    [Fact]
    public async Task While_PostgreSQL_is_down_a_request_answers_503_with_Retry_After_and_afterwards_as_before()
    {
        var evaluation = _system.Start<EvaluationService>().CreateClient();
        var unknown = $"/api/evaluation/companies/{Guid.CreateVersion7()}";
        Assert.Equal(HttpStatusCode.NotFound, (await evaluation.GetAsync(unknown)).StatusCode);

        await _system.Infrastructure.ControlDatabaseAsync("stop");
        try
        {
            using var response = await evaluation.GetAsync(unknown);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            await _system.Infrastructure.ControlDatabaseAsync("start");
        }

        await Eventually.True(async () => (await evaluation.GetAsync(unknown)).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(60), "the service answering as before once PostgreSQL is back");
    }

    [Fact]
    public async Task Messages_that_arrive_while_PostgreSQL_is_down_are_all_applied_once_it_is_back()
    {
        const int count = 10;
        // Immediate retries run out within the outage; the outage's own short redelivery brings them back
        // afterwards (the ordinary one keeps its 5 minutes: were the outage not recognised, this would time out).
        var evaluationHost = _system.Start<EvaluationService>(
            ("Messaging:RetryLimit", "2"), ("Messaging:OutageRedeliveryDelay", "00:00:03"), ("Messaging:OutageRedeliveryRounds", "20"));
        await evaluationHost.ConsumersReadyAsync();
        var bus = evaluationHost.Services.GetRequiredService<IBus>();
        var registrations = Enumerable.Range(1, count)
            .Select(i => new V1.PropertyCompanyRegistered(Guid.CreateVersion7(), $"天水市麦积区停库期间物业第{i}号有限公司", CreditCodes.Next(), "麦积区", DateTimeOffset.UtcNow))
            .ToList();

        await _system.Infrastructure.ControlDatabaseAsync("stop");
        try
        {
            foreach (var registration in registrations)
            {
                await bus.Publish(registration, c => c.MessageId = NewId.NextGuid());
            }

            // The outage lasts 20 s while the messages fail their retries and wait for redelivery.
            await Eventually.True(async () => (await _system.Broker.QueueAsync(DelayQueues.NameOf("evaluation-property-company-registered", TimeSpan.FromSeconds(3))))?.Messages > 0,
                what: "messages waiting for the outage's redelivery");
            await Task.Delay(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await _system.Infrastructure.ControlDatabaseAsync("start");
        }

        var evaluation = evaluationHost.CreateClient();
        foreach (var registration in registrations)
        {
            await evaluation.EvaluationCompanyEventually(registration.CompanyId, TimeSpan.FromSeconds(120));
        }

        Assert.Equal(count, await DirectoryCount(evaluationHost));
        Assert.Equal(count, await InboxCount(evaluationHost));
        Assert.Equal(0, (await _system.Broker.QueueAsync("evaluation-property-company-registered_error"))?.Messages ?? 0);
    }

    [Fact]
    public async Task Two_instances_of_a_publisher_forward_each_event_once()
    {
        const int count = 20;
        var evaluationHost = _system.Start<EvaluationService>();
        await evaluationHost.ConsumersReadyAsync();
        var deliveries = new ConsumedMessages<V1.PropertyCompanyRegistered>();
        evaluationHost.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(deliveries);

        // HotCold, as deployed: the instances elect one leader for the forwarder.
        var first = _system.Start<OrganizationService>(("EventStore:DaemonMode", "HotCold")).CreateClient();
        var second = _system.Start<OrganizationService>(("EventStore:DaemonMode", "HotCold")).CreateClient();
        var evaluation = evaluationHost.CreateClient();
        var ids = new List<Guid>();
        for (var i = 1; i <= count; i++)
        {
            ids.Add(await (i % 2 == 0 ? first : second).RegisterCompany($"天水市麦积区双实例第{i}号物业有限公司"));
        }

        foreach (var id in ids)
        {
            await evaluation.EvaluationCompanyEventually(id, TimeSpan.FromSeconds(90));
        }

        // Deliveries, not effects: the inbox would hide a second publish, so count what reached the consumer.
        Assert.Equal(count, deliveries.Distinct);
        Assert.Equal(count, deliveries.Deliveries);
    }

    private static async Task<int> DirectoryCount(ServiceHost<EvaluationService> host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<CompanyDirectoryEntry>().CountAsync();
    }

    private static async Task<CompanyDirectoryEntry?> DirectoryEntry(ServiceHost<EvaluationService> host, Guid id)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<CompanyDirectoryEntry>(id);
    }

    private static async Task<int> InboxCount(ServiceHost<EvaluationService> host)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<InboxRecord>().CountAsync(r => r.MessageType == "PropertyCompanyRegistered");
    }
}
