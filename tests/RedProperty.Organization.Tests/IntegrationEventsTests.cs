using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using RedProperty.BuildingBlocks;
using RedProperty.Organization.Members;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Organization.Tests;

public sealed partial class IntegrationEventsTests
{
    [GeneratedRegex(@"^redproperty\.[a-z]+\.[a-z]+(-[a-z]+)*\.v[0-9]+$")]
    private static partial Regex WireName();

    [Fact]
    public void Every_contract_has_a_stable_versioned_wire_name_in_both_exchange_and_urn()
    {
        var contracts = typeof(V1.PropertyCompanyRegistered).Assembly.GetExportedTypes().Where(t => t.GetCustomAttribute<EntityNameAttribute>() is not null).ToList();
        Assert.True(contracts.Count >= 16, $"only {contracts.Count} contracts found");
        foreach (var contract in contracts)
        {
            var name = (string)contract.GetField("MessageName")!.GetValue(null)!;
            Assert.Matches(WireName(), name);
            Assert.Equal(name, contract.GetCustomAttribute<EntityNameAttribute>()!.EntityName);
            Assert.Equal($"urn:message:{name}", contract.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString());
        }
    }

    [Fact]
    public async Task A_member_joining_is_published_with_id_company_name_and_camel_case_enums_only()
    {
        var map = new IntegrationEventMap();
        IntegrationEvents.Map(map);
        var registered = new PartyMemberRegistered(Guid.NewGuid(), Guid.NewGuid(), "李红梅", "项目经理", JoinedVia.RelationTransferredIn,
            MemberStage.Full, new DateOnly(2012, 7, 1), true, DateTimeOffset.UtcNow)
        {
            CompanyRole = CompanyRole.GeneralManager,
            PersonKey = "a1b2c3",
            JoinedOn = new DateOnly(2022, 3, 20),
        };

        // A name in plain text (an event from before sealing) needs no key, so no store either.
        var contract = Assert.IsType<V1.PartyMemberJoinedCompany>(await map.ToContractAsync(new JasperFx.Events.Event<PartyMemberRegistered>(registered), null!));

        Assert.Equal(new V1.PartyMemberJoinedCompany(
            registered.MemberId, registered.CompanyId, "李红梅", "relationTransferredIn", "full", registered.RegisteredAt, "generalManager", new DateOnly(2022, 3, 20)), contract);
        Assert.DoesNotContain("项目经理", JsonSerializer.Serialize(contract));
        Assert.DoesNotContain("a1b2c3", JsonSerializer.Serialize(contract));
    }
}

/// <summary>A consumer that is not .NET: a plain queue bound to the public exchange, reading JSON.</summary>
public sealed class PublishedContractTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private OrganizationClient _org = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-contracts");
        await _system.Broker.BindQueueAsync(V1.PartyMemberJoinedCompany.MessageName, "outside-system");
        _org = new OrganizationClient(_system.Start<OrganizationService>().CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_registered_member_reaches_an_outside_queue_as_plain_json()
    {
        var member = await _org.Member(await _org.Company(), "张卫东");

        var published = await Eventually.Get(async () =>
            (await _system.Broker.PeekAsync("outside-system")).FirstOrDefault(m => m.Payload.Contains(member.ToString())),
            what: "the member's event in the outside queue");

        var message = JsonDocument.Parse(published.Payload).RootElement.GetProperty("message");
        Assert.Equal("张卫东", message.GetProperty("name").GetString());
        Assert.Equal("hired", message.GetProperty("joinedVia").GetString());
        Assert.False(message.TryGetProperty("position", out _));
    }
}

/// <summary>
/// A broker that keeps refusing (nacking) a contract's publishes on a connection that is up, as RabbitMQ before
/// 3.12.5 can after a quorum queue's leader was lost: the bus's connection is closed and a new one opened, and
/// once the broker accepts again the forwarder moves on. A queue that is always full and refuses publishes stands
/// in for the broker's refusal.
/// </summary>
public sealed class RefusedPublishTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private OrganizationClient _org = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-refused");
        await _system.Broker.BindQueueAsync(V1.PartyMemberJoinedCompany.MessageName, "refusing",
            new Dictionary<string, object> { ["x-max-length"] = 0, ["x-overflow"] = "reject-publish" });
        await _system.Broker.BindQueueAsync(V1.PartyMemberJoinedCompany.MessageName, "outside-system");
        _org = new OrganizationClient(_system.Start<OrganizationService>(("Messaging:RecycleConnectionAfter", "00:00:02")).CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Publishes_refused_on_an_open_connection_get_a_new_connection_and_go_out_once_accepted()
    {
        var company = await _org.Company();
        var before = await Eventually.Get(async () => await _system.Broker.ConnectionsAsync() is { Count: > 0 } open ? open : null,
            what: "the bus's connection");

        await _org.Member(company, "李秀英");
        await Eventually.True(async () => !before.IsSubsetOf(await _system.Broker.ConnectionsAsync()),
            what: "the bus's connection closed after refused publishes");

        await _system.Broker.DeleteQueueAsync("refusing");
        var next = await _org.Member(company, "赵桂兰");
        await Eventually.True(async () => (await _system.Broker.PeekAsync("outside-system")).Any(m => m.Payload.Contains(next.ToString())),
            what: "a later member published once the broker accepts again");
    }
}
