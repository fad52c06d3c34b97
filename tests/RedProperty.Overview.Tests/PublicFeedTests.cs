using System.Net;
using System.Net.Http.Json;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudNative.CloudEvents;
using Json.Schema;
using RabbitMQ.Client;
using RedProperty.Contracts;
using RedProperty.Testing;

namespace RedProperty.Overview.Tests;

/// <summary>
/// The public feed as an outside, non-MassTransit system sees it: a plain AMQP client on its own
/// queue, and the catch-up feed over HTTP.
/// </summary>
[Collection(OverviewCollection.Name)]
public sealed partial class PublicFeedTests(OverviewFixture fixture)
{
    [GeneratedRegex(@"^cn\.gov\.redproperty\.[a-z]+\.[a-z]+(-[a-z]+)*\.v[0-9]+$")]
    private static partial Regex TypePattern();

    [Fact]
    public async Task Every_message_on_the_public_exchange_is_a_valid_CloudEvent_routed_by_its_type_with_a_served_schema_and_no_personal_data()
    {
        await using var organization = await fixture.BindAsync(PublicEvents.PatternOf("organization"));
        await using var evaluation = await fixture.BindAsync(PublicEvents.PatternOf("evaluation"));

        var company = await fixture.Org.Company("天水市麦积区锦绣物业服务有限公司");
        var member = await fixture.Org.Member(company, "王秀英", nationalId: NationalIds.Next());
        var estate = await fixture.Org.Serve(company, "锦绣花园", "北道埠社区", 320);
        // Dated today (not in 2022), so the seed's figures as of the report's day stay the seed's.
        await fixture.Org.Create("/api/organization/instructors", new { name = "马建国", source = "dispatchedByIndustry", appointedOn = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        await fixture.Org.Create("/api/organization/responsibility-zones", new { estateId = estate, buildings = new[] { "1号楼" }, memberIds = new[] { member } });
        var expected = new[]
        {
            "property-company-registered", "party-member-joined-company", "sub-district-registered", "community-registered", "estate-registered",
            "estate-service-contracted", "instructor-appointed", "responsibility-zone-designated",
        }.Select(e => $"cn.gov.redproperty.organization.{e}.v1").ToHashSet();

        var received = new List<BasicGetResult>();
        await Eventually.True(async () =>
        {
            received.AddRange(await organization.DrainAsync());
            return expected.IsSubsetOf(received.Select(m => m.RoutingKey));
        }, what: "Organization's events on the public exchange");

        foreach (var message in received)
        {
            var text = IntegratorQueue.Text(message);
            Assert.Equal("application/cloudevents+json", message.BasicProperties.ContentType);
            // The SDK's decoder checks the spec: specversion 1.0, the required attributes and their types.
            var cloudEvent = PublicJson.Formatter.DecodeStructuredModeMessage(message.Body, new ContentType(message.BasicProperties.ContentType!), null);
            using var json = JsonDocument.Parse(text);
            Assert.Equal("1.0", json.RootElement.GetProperty("specversion").GetString());
            Assert.Matches(TypePattern(), cloudEvent.Type);
            Assert.Equal(message.RoutingKey, cloudEvent.Type);
            Assert.Equal(message.BasicProperties.MessageId, cloudEvent.Id);
            Assert.True(Guid.TryParse(cloudEvent.Id, out _));
            Assert.Equal("/redproperty/organization", cloudEvent.Source!.ToString());
            Assert.False(string.IsNullOrEmpty(cloudEvent.Subject));
            Assert.NotNull(cloudEvent.Time);
            Assert.Equal("application/json", cloudEvent.DataContentType);
            Assert.True(cloudEvent.DataSchema!.IsAbsoluteUri);
            Assert.EndsWith($"/api/overview/schemas/{cloudEvent.Type}.json", cloudEvent.DataSchema.AbsolutePath);
            // The trace of the request that caused it (W3C trace context), for an integrator's trace to join.
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", json.RootElement.GetProperty("traceparent").GetString());

            // The data validates against the schema the system serves at dataschema.
            var schema = JsonSchema.FromText(await fixture.Overview.CreateClient().GetStringAsync(cloudEvent.DataSchema.AbsolutePath));
            var data = json.RootElement.GetProperty("data");
            var result = schema.Evaluate(data, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{cloudEvent.Type}: {JsonSerializer.Serialize((result.Details ?? []).Where(d => !d.IsValid).Select(d => d.Errors))}");

            // No personal data: the member's and instructor's names stay with our services.
            Assert.DoesNotContain("王秀英", text, StringComparison.Ordinal);
            Assert.DoesNotContain("马建国", text, StringComparison.Ordinal);
        }

        Assert.Empty(await evaluation.DrainAsync()); // a pattern gets exactly its service's events
    }

    [Fact]
    public async Task The_feed_replays_the_log_in_order_so_a_client_that_was_down_catches_up_with_nothing_missing_and_nothing_twice()
    {
        // The integrator reads up to where it is, then goes down.
        var (_, position) = await ReadAllAsync(0, 50);

        // Meanwhile: new events (watched on the exchange, to know which ids they were).
        await using var watch = await fixture.BindAsync("cn.gov.redproperty.#");
        var company = await fixture.Org.Company("天水市麦积区惠民物业服务有限公司");
        for (var i = 0; i < 3; i++)
        {
            await fixture.Org.Member(company, $"党员{i}");
        }

        var published = new List<string>();
        await Eventually.True(async () =>
        {
            published.AddRange((await watch.DrainAsync()).Select(m => m.BasicProperties.MessageId!));
            return published.Count >= 4;
        }, what: "the four events on the exchange");

        // Back up: it pages from its last position (small pages, to cross page boundaries) until caught up.
        var caughtUp = new List<JsonElement>();
        await Eventually.True(async () =>
        {
            var (events, next) = await ReadAllAsync(position, 2);
            caughtUp.AddRange(events);
            position = next;
            var ids = caughtUp.Select(e => e.GetProperty("id").GetString()).ToList();
            return published.All(ids.Contains);
        }, what: "the four events in the feed");

        var ids = caughtUp.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count); // nothing twice
        var positions = caughtUp.Select(e => long.Parse(e.GetProperty("sequence").GetString()!)).ToList();
        Assert.Equal(positions.Order(), positions); // in order
        Assert.All(caughtUp, e => Assert.Equal("1.0", e.GetProperty("specversion").GetString()));
    }

    [Fact]
    public async Task An_event_whose_public_text_holds_a_phone_number_is_withheld_from_the_feed_and_counted()
    {
        using var withheld = new CountedMeasurements("redproperty.public_feed.withheld");
        // Organization's forwarder publishes both; the first's name carries a mobile number.
        var leaking = await fixture.Org.Company("天水市麦积区联系电话13893800123物业有限公司");
        var marker = await fixture.Org.Company("天水市麦积区渭滨物业服务有限公司");

        // One forwarder, in order: once the second is in the log, the first was dealt with.
        var subjects = new List<string?>();
        await Eventually.True(async () =>
        {
            subjects = [.. (await ReadAllAsync(0, 1000)).Events.Select(e => e.GetProperty("subject").GetString())];
            return subjects.Contains(marker.ToString());
        }, what: "the second registration in the log");
        Assert.DoesNotContain(leaking.ToString(), subjects);
        Assert.True(withheld.Total >= 1, "the withheld event counted");
        // Our own services still get it: the company is registered as ever.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Org.Http.GetAsync($"/api/organization/companies/{leaking}")).StatusCode);
    }

    [Fact]
    public async Task The_same_CloudEvent_twice_is_logged_once()
    {
        var id = Guid.CreateVersion7().ToString();
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["type"] = "cn.gov.redproperty.volunteering.volunteer-team-formed.v1",
            ["source"] = "/redproperty/volunteering",
            ["subject"] = Guid.CreateVersion7(),
            ["time"] = "2025-05-01T09:00:00+08:00",
            ["datacontenttype"] = "application/json",
            ["data"] = new { teamId = Guid.CreateVersion7(), communityId = Guid.CreateVersion7(), name = "红色物业志愿服务队", formedOn = "2025-05-01", recordedAt = "2025-05-01T09:00:00+08:00" },
        });
        await using var channel = await fixture.Amqp.CreateChannelAsync(new CreateChannelOptions(true, true));
        var properties = new BasicProperties { ContentType = "application/cloudevents+json", MessageId = id, UserId = fixture.System.Broker.SharedAccount };
        for (var i = 0; i < 2; i++)
        {
            await channel.BasicPublishAsync(PublicEvents.Exchange, "cn.gov.redproperty.volunteering.volunteer-team-formed.v1", false, properties, body);
        }

        // A marker after both: once it is in the log, both copies have been consumed (one writer, in order).
        var marker = Guid.CreateVersion7().ToString();
        await channel.BasicPublishAsync(PublicEvents.Exchange, "cn.gov.redproperty.volunteering.volunteer-team-formed.v1", false,
            new BasicProperties { ContentType = "application/cloudevents+json", MessageId = marker, UserId = fixture.System.Broker.SharedAccount }, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace(id, marker, StringComparison.Ordinal)));
        var all = new List<string?>();
        await Eventually.True(async () =>
        {
            all = [.. (await ReadAllAsync(0, 1000)).Events.Select(e => e.GetProperty("id").GetString())];
            return all.Contains(marker);
        }, what: "the marker in the log");

        Assert.Single(all, id);
    }

    [Fact]
    public async Task The_feed_is_for_integration_clients_and_names_a_bad_parameter()
    {
        var anonymous = fixture.Overview.CreateClient().WithToken(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/overview/feed")).StatusCode);
        var staff = fixture.Overview.CreateClient().WithToken(await fixture.System.Identity.TokenAsync(BuildingBlocks.Security.Roles.Auditor));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/overview/feed")).StatusCode);

        foreach (var (query, field) in new[] { ("after=-1", "after"), ("after=x", "after"), ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=2.5", "limit") })
        {
            var response = await fixture.Integrator.Http.GetAsync($"/api/overview/feed?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        // Schemas and the figures are public; the schema list names every contract.
        var schemas = await anonymous.GetFromJsonAsync<JsonElement>("/api/overview/schemas");
        Assert.Equal(PublicEvents.Contracts.Count, schemas.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/overview/schemas/cn.gov.redproperty.nothing.v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/overview/figures")).StatusCode);
    }

    [Fact]
    public void Public_schemas_leave_out_personal_data_and_describe_each_contract()
    {
        var joined = PublicJson.SchemaOf(typeof(Contracts.Organization.V1.PartyMemberJoinedCompany));
        var properties = joined["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("memberId", properties);
        Assert.Contains("joinedOn", properties);
        Assert.DoesNotContain("name", properties);
        Assert.Equal("cn.gov.redproperty.organization.party-member-joined-company.v1", joined["$id"]!.GetValue<string>());
        Assert.All(PublicEvents.Contracts, c => Assert.Equal("object", (string?)PublicJson.SchemaOf(c)["type"]));
    }

    private async Task<(IReadOnlyList<JsonElement> Events, long Next)> ReadAllAsync(long after, int limit)
    {
        var events = new List<JsonElement>();
        while (true)
        {
            using var response = await fixture.Integrator.Http.GetAsync($"/api/overview/feed?after={after}&limit={limit}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/cloudevents-batch+json", response.Content.Headers.ContentType?.MediaType);
            var batch = await response.Content.ReadFromJsonAsync<JsonElement>();
            var next = long.Parse(response.Headers.GetValues("Feed-Next-After").Single());
            events.AddRange(batch.EnumerateArray().Select(e => e.Clone()));
            if (batch.GetArrayLength() == 0)
            {
                return (events, next);
            }

            after = next;
        }
    }
}
