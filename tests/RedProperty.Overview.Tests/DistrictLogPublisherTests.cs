using System.Net.Http.Json;
using System.Text.Json;
using RabbitMQ.Client;
using RedProperty.Contracts;
using RedProperty.Overview.DistrictLog;
using RedProperty.Testing;

namespace RedProperty.Overview.Tests;

/// <summary>The district log verifies who published an event: the broker-stamped account, not the event's own word.</summary>
[Collection(OverviewCollection.Name)]
public sealed class DistrictLogPublisherTests(OverviewFixture fixture)
{
    private const string OrganizationType = "cn.gov.redproperty.organization.property-company-registered.v1";

    [Fact]
    public async Task Events_in_another_services_name_are_refused_and_counted_and_the_services_own_are_logged()
    {
        using var refused = new CountedMeasurements("redproperty.consumer.refused", DistrictLogConsumerDefinition.Queue);

        // Evaluation's own account: RabbitMQ stamps user-id "evaluation" (and refuses any other it is told).
        await using var evaluation = await Connect(await fixture.System.Broker.AccountAsync("evaluation"));
        await using var organization = await Connect(await fixture.System.Broker.AccountAsync("organization"));
        var forged = new[]
        {
            // Organization's type and source under Evaluation's account.
            await Publish(evaluation, "evaluation", OrganizationType, "/redproperty/organization", OrganizationType),
            // Organization's type in the body, under a routing key of Evaluation's (which its topic permission allows).
            await Publish(evaluation, "evaluation", OrganizationType, "/redproperty/organization", "cn.gov.redproperty.evaluation.complaint-filed.v1"),
            // Organization's account, but the source claims Evaluation.
            await Publish(organization, "organization", OrganizationType, "/redproperty/evaluation", OrganizationType),
            // No account named at all.
            await Publish(organization, null, OrganizationType, "/redproperty/organization", OrganizationType),
        };
        var genuine = await Publish(organization, "organization", OrganizationType, "/redproperty/organization", OrganizationType);

        // One writer, in order: once the genuine one (published last) is logged, the others were consumed.
        await Eventually.True(async () => (await LoggedIds()).Contains(genuine), what: "Organization's own event in the log");
        var logged = await LoggedIds();
        Assert.All(forged, id => Assert.DoesNotContain(id, logged));
        Assert.True(refused.Total >= forged.Length, $"{refused.Total} refusals counted");
        // Dropped, not retried into the error queue.
        var parked = await fixture.System.Broker.PeekAsync($"{DistrictLogConsumerDefinition.Queue}_error");
        Assert.DoesNotContain(parked, m => forged.Any(id => m.Payload.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_message_that_is_no_CloudEvent_is_dropped_and_counted_and_the_events_around_it_are_logged_once_in_order()
    {
        using var refused = new CountedMeasurements("redproperty.consumer.refused", DistrictLogConsumerDefinition.Queue);
        await using var organization = await Connect(await fixture.System.Broker.AccountAsync("organization"));
        var before = await Publish(organization, "organization", OrganizationType, "/redproperty/organization", OrganizationType);
        var garbage = Guid.CreateVersion7().ToString();
        await using (var channel = await organization.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            await channel.BasicPublishAsync(PublicEvents.Exchange, OrganizationType, false,
                new BasicProperties { ContentType = "application/cloudevents+json", MessageId = garbage, Persistent = true, UserId = "organization" },
                "{\"id\":\"不是云事件\"}"u8.ToArray());
        }

        var after = await Publish(organization, "organization", OrganizationType, "/redproperty/organization", OrganizationType);
        await Eventually.True(async () => (await LoggedIds()).Contains(after), what: "the event after the broken message in the log");

        var positions = await LoggedPositions();
        Assert.True(positions[before] < positions[after], "logged in the order published");
        Assert.True(refused.Total >= 1, $"{refused.Total} refusals counted");
        var parked = await fixture.System.Broker.PeekAsync($"{DistrictLogConsumerDefinition.Queue}_error");
        Assert.DoesNotContain(parked, m => m.Payload.Contains(before, StringComparison.Ordinal) || m.Payload.Contains(after, StringComparison.Ordinal));
    }

    private static async Task<IConnection> Connect(Uri account) =>
        await new ConnectionFactory { Uri = account, ClientProvidedName = "district-log-publisher-test" }.CreateConnectionAsync();

    private static async Task<string> Publish(IConnection connection, string? account, string type, string source, string routingKey)
    {
        var id = Guid.CreateVersion7().ToString();
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["type"] = type,
            ["source"] = source,
            ["subject"] = Guid.CreateVersion7(),
            ["time"] = "2022-03-15T09:00:00+08:00",
            ["datacontenttype"] = "application/json",
            ["data"] = new { companyId = Guid.CreateVersion7(), name = "天水市麦积区伪造物业有限公司", creditCode = "91620503MA72XKQJ9Z", address = "麦积区", registeredAt = "2022-03-15T09:00:00+08:00" },
        });
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.BasicPublishAsync(PublicEvents.Exchange, routingKey, false,
            new BasicProperties { ContentType = "application/cloudevents+json", MessageId = id, Persistent = true, UserId = account }, body);
        return id;
    }

    private async Task<HashSet<string>> LoggedIds() => [.. (await LoggedPositions()).Keys];

    /// <summary>Each logged event's id and its position in the log, read page by page as a catch-up client does.</summary>
    private async Task<Dictionary<string, long>> LoggedPositions()
    {
        var positions = new Dictionary<string, long>();
        for (long after = 0; ;)
        {
            using var response = await fixture.Integrator.Http.GetAsync($"/api/overview/feed?after={after}&limit=1000");
            var batch = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (batch.GetArrayLength() == 0)
            {
                return positions;
            }

            foreach (var entry in batch.EnumerateArray())
            {
                positions.Add(entry.GetProperty("id").GetString()!, long.Parse(entry.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            }

            after = long.Parse(response.Headers.GetValues("Feed-Next-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
