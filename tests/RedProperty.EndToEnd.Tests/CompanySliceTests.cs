using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks;
using RedProperty.Evaluation;
using RedProperty.Organization;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>Organization and Evaluation in this process, on the real PostgreSQL and RabbitMQ;
/// every test gets a fresh database and virtual host.</summary>
[Collection(EndToEnd.Name)]
public sealed class CompanySliceTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private HttpClient _organization = null!;
    private HttpClient _evaluation = null!;
    private ServiceHost<EvaluationService> _evaluationHost = null!;
    private ServiceHost<OrganizationService> _organizationHost = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("slice");
        // Evaluation first, so its queues exist before Organization publishes (as in the AppHost).
        _evaluationHost = _system.Start<EvaluationService>();
        _evaluation = _evaluationHost.CreateClient();
        await _evaluationHost.ConsumersReadyAsync();
        // A short stall threshold, so the outage test sees the forwarder reported as stalled.
        _organizationHost = _system.Start<OrganizationService>(("Messaging:ForwarderStallAfter", "00:00:15"));
        _organization = _organizationHost.CreateClient();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task The_district_geography_reaches_Evaluation_by_the_same_ids_with_who_serves_each_estate()
    {
        var company = await _organization.RegisterCompany("天水市麦积区锦绣物业服务有限公司");
        var subDistrict = await Created(_organization.PostAsJsonAsync("/api/organization/sub-districts", new { name = "道北街道", kind = "subDistrict" }));
        var community = await Created(_organization.PostAsJsonAsync("/api/organization/communities", new { name = "北道埠社区", subDistrictId = subDistrict }));
        var estate = await Created(_organization.PostAsJsonAsync("/api/organization/estates", new { name = "锦绣花园", communityId = community, households = 820 }));
        using var contract = new HttpRequestMessage(HttpMethod.Post, $"/api/organization/estates/{estate}/service-contracts")
        {
            Content = JsonContent.Create(new { companyId = company, from = "2021-01-01" }),
        };
        contract.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await _organization.SendAsync(contract)).StatusCode);

        var known = await Eventually.Get(async () =>
        {
            var response = await _evaluation.GetAsync($"/api/evaluation/estates/{estate}");
            return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<JsonElement>() is var e
                && e.GetProperty("services").GetArrayLength() == 1 ? e : (JsonElement?)null;
        }, TimeSpan.FromSeconds(60), "the estate in Evaluation");
        Assert.Equal(community, known!.Value.GetProperty("communityId").GetGuid());
        Assert.Equal(820, known.Value.GetProperty("households").GetInt32());
        Assert.Equal(company, known.Value.GetProperty("services")[0].GetProperty("companyId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await _evaluation.GetAsync($"/api/evaluation/communities/{community}")).StatusCode);
    }

    private static async Task<Guid> Created(Task<HttpResponseMessage> post)
    {
        var response = await post;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_registered_company_reaches_Evaluation_and_so_does_its_update()
    {
        var id = await _organization.RegisterCompany("天水市麦积区社区红色物业服务中心");
        Assert.Equal(HttpStatusCode.NotFound, (await _evaluation.GetAsync($"/api/evaluation/companies/{Guid.CreateVersion7()}")).StatusCode);

        var company = await _evaluation.EvaluationCompanyEventually(id);
        Assert.Equal("天水市麦积区社区红色物业服务中心", company.GetProperty("name").GetString());

        using var update = new HttpRequestMessage(HttpMethod.Put, $"/api/organization/companies/{id}")
        {
            Content = JsonContent.Create(new { name = "天水市麦积区红色物业服务中心", address = "甘肃省天水市麦积区桥南街道" }),
        };
        update.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await _organization.SendAsync(update)).StatusCode);

        await Eventually.True(async () =>
            (await _evaluation.EvaluationCompanyEventually(id)).GetProperty("name").GetString() == "天水市麦积区红色物业服务中心",
            what: "the update in Evaluation");
    }

    [Fact]
    public async Task One_trace_runs_from_the_post_through_the_broker_to_Evaluations_consumer()
    {
        var consumers = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or "RedProperty" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "MassTransit" && activity.Kind == ActivityKind.Consumer)
                {
                    consumers.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organization/companies")
        {
            Content = JsonContent.Create(new { name = "天水市麦积区追踪测试物业有限公司", creditCode = CreditCodes.Next(), address = "麦积区" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.Created, (await _organization.SendAsync(request)).StatusCode);

        await Eventually.True(() => Task.FromResult(consumers.Any(a => a.TraceId == traceId)),
            what: $"Evaluation's consume activity in trace {traceId}");
    }

    [Fact]
    public async Task Companies_registered_while_the_broker_is_down_all_arrive_once_it_is_back()
    {
        const int count = 12;
        var ids = new List<Guid>();
        await _system.Infrastructure.ControlBroker("stop-app");
        try
        {
            for (var i = 1; i <= count; i++)
            {
                // The HTTP path needs only PostgreSQL: registrations are accepted during the outage.
                ids.Add(await _organization.RegisterCompany($"天水市麦积区停机期间登记物业第{i}号有限公司"));
            }

            // Ready but degraded: the API stays in service while the events wait for the broker.
            var degraded = await Eventually.Get(async () =>
            {
                var (status, report) = await Health();
                return status == HttpStatusCode.OK && report.GetProperty("status").GetString() == "Degraded" ? Entry(report, "event-store-daemon") : (JsonElement?)null;
            }, what: "/health 200 Degraded while publishing fails");
            Assert.Contains("forwarder behind", degraded!.Value.GetProperty("description").GetString());

            // Past the stall threshold the forwarder is reported stalled, with the age of what waits.
            var stalled = await Eventually.Get(async () =>
            {
                var (status, report) = await Health();
                return status == HttpStatusCode.ServiceUnavailable ? Entry(report, "event-store-daemon") : (JsonElement?)null;
            }, TimeSpan.FromSeconds(60), "the forwarder reported stalled");
            Assert.Equal("Unhealthy", stalled!.Value.GetProperty("status").GetString());
            Assert.Matches(@"forwarder stalled: the oldest unpublished event is \d+ s old \(\d+ events behind\)", stalled.Value.GetProperty("description").GetString());
        }
        finally
        {
            await _system.Infrastructure.ControlBroker("start-app");
        }

        foreach (var id in ids)
        {
            await _evaluation.EvaluationCompanyEventually(id, TimeSpan.FromSeconds(120));
        }

        // None twice in effect: this test's own database holds exactly one inbox record per registration.
        await using var session = _evaluationHost.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Equal(count, await session.Query<InboxRecord>().CountAsync(r => r.MessageType == "PropertyCompanyRegistered"));
        Assert.Equal(count, await session.Query<RedProperty.Evaluation.Companies.CompanyDirectoryEntry>().CountAsync());
    }

    private async Task<(HttpStatusCode Status, JsonElement Report)> Health()
    {
        using var response = await _organization.GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static JsonElement Entry(JsonElement report, string name) => report.GetProperty("entries").GetProperty(name);
}
