using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.Places;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Inspections;

/// <summary>Spot inspections, the rectification orders they give, reports, follow-ups and escalation, and projects, over HTTP with a controlled clock.</summary>
public sealed class InspectionsAndRectificationsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly Guid _company = Guid.CreateVersion7();
    private readonly Guid _other = Guid.CreateVersion7();
    private readonly Guid _estate = Guid.CreateVersion7();
    private readonly Guid _unserved = Guid.CreateVersion7();
    private TestSystem _system = null!;
    private ServiceHost<EvaluationService> _host = null!;
    private ApiClient _admin = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("evaluation-inspections");
        _host = _system.Start<EvaluationService>(s => s.AddSingleton<TimeProvider>(_time), ("Rectifications:CheckEvery", "00:01:00"));
        _admin = new ApiClient(_host.CreateClient());
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(new CompanyDirectoryEntry(_company, "天水市麦积区渭滨物业服务有限公司", "91620503MA72XKQJ3T", "麦积区", 1));
        session.Store(new CompanyDirectoryEntry(_other, "天水市麦积区桥南物业服务有限公司", "91620503MA72XKQJ4R", "麦积区", 1));
        var community = Guid.CreateVersion7();
        session.Store(new EstateDirectoryEntry(_estate, "渭滨小区", community, 640, [new EstateService(_company, new DateOnly(2020, 1, 1), null)], 1));
        session.Store(new EstateDirectoryEntry(_unserved, "无物业小区", community, 120, [], 1));
        await session.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private async Task<HttpResponseMessage> Inspect(object body, HttpClient? client = null) =>
        await (client ?? _admin.Http).PostAsJsonAsync("/api/evaluation/inspections", body);

    private static object[] Findings(params (string Item, decimal Deduction, bool Serious)[] findings) =>
        findings.Select(f => new { item = f.Item, deduction = f.Deduction, note = "现场发现问题", evidence = new[] { "https://img.example.cn/a.jpg" }, serious = f.Serious }).ToArray<object>();

    [Fact]
    public async Task A_failed_inspection_orders_rectification_the_company_reports_and_a_passing_follow_up_rectifies()
    {
        var inspector = await _system.Identity.TokenAsync(Roles.Inspector);
        var client = _host.CreateClient().WithToken(inspector);
        var failed = await Inspect(new
        {
            estateId = _estate,
            on = "2022-05-30",
            findings = Findings(("fire.passage", 5, true), ("sanitation.stairwell", 4, false)),
        }, client);
        Assert.Equal(HttpStatusCode.Created, failed.StatusCode);
        var inspection = await failed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(91m, inspection.GetProperty("score").GetDecimal());
        Assert.False(inspection.GetProperty("passed").GetBoolean()); // a serious finding fails whatever the score
        Assert.Equal(_company, inspection.GetProperty("companyId").GetGuid());

        var inspectionId = inspection.GetProperty("id").GetGuid();
        Assert.Equal(2, (await _admin.Get($"/api/evaluation/inspections/{inspectionId}")).GetProperty("findings").GetArrayLength());
        Assert.Equal(inspectionId, (await _admin.Get($"/api/evaluation/inspections?companyId={_company}&from=2022-05-01&to=2022-05-31")).GetProperty("items")[0].GetProperty("id").GetGuid());
        var stranger = _host.CreateClient().WithToken(await _system.Identity.TokenAsync(Roles.CompanyUser, company: _other));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/evaluation/inspections/{inspectionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/evaluation/inspections?companyId={_company}")).StatusCode);

        var orders = await _admin.Get($"/api/evaluation/rectifications?companyId={_company}");
        var order = Assert.Single(orders.GetProperty("items").EnumerateArray());
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal("inspection", order.GetProperty("source").GetString());
        Assert.Equal("2022-06-29", order.GetProperty("deadline").GetString()); // 30 days after the inspection

        // Only the company's own users report; another company's users get 404.
        var otherUser = new ApiClient(_host.CreateClient().WithToken(await _system.Identity.TokenAsync(Roles.CompanyUser, company: _other)));
        Assert.Equal(HttpStatusCode.NotFound, (await otherUser.Post($"/api/evaluation/rectifications/{orderId}/report", new { report = "不是我们" }, 1)).StatusCode);
        // A follow-up before the report is refused.
        var early = await Inspect(new { estateId = _estate, on = "2022-06-01", findings = Findings(), rectificationId = orderId }, client);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        var user = new ApiClient(_host.CreateClient().WithToken(await _system.Identity.TokenAsync(Roles.CompanyUser, company: _company)));
        await user.Change($"/api/evaluation/rectifications/{orderId}/report", new { report = "已清理消防通道杂物，增设禁止堆放标识" }, 1);
        var followUp = await Inspect(new { estateId = _estate, on = "2022-06-01", findings = Findings(), rectificationId = orderId }, client);
        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);

        var rectified = await _admin.Get($"/api/evaluation/rectifications/{orderId}");
        Assert.Equal("rectified", rectified.GetProperty("status").GetString());
        Assert.Equal(["ordered", "reported", "verified"], rectified.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()!).ToArray());
        // The passing follow-up itself ordered nothing new.
        Assert.Equal(1, (await _admin.Get($"/api/evaluation/rectifications?companyId={_company}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_missed_deadline_gives_a_yellow_card_then_an_interview()
    {
        var ordered = await _admin.Create("/api/evaluation/rectifications", new { companyId = _other, reason = "业主投诉集中，限期整改", deadline = "2022-06-10" });
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.Http.PostAsJsonAsync("/api/evaluation/rectifications", new { companyId = Guid.NewGuid(), reason = "x" })).StatusCode);

        _time.SetUtcNow(new DateTimeOffset(2022, 6, 11, 9, 0, 0, TimeSpan.FromHours(8)));
        var carded = await Eventually.Get(async () => (await _admin.Get($"/api/evaluation/rectifications/{ordered}")) is var r
            && r.TryGetProperty("escalation", out var level) && level.ValueKind == JsonValueKind.String ? r : (JsonElement?)null, what: "the yellow card");
        Assert.Equal("yellowCard", carded!.Value.GetProperty("escalation").GetString());

        _time.SetUtcNow(new DateTimeOffset(2022, 6, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        await Eventually.True(async () => (await _admin.Get($"/api/evaluation/rectifications/{ordered}")).GetProperty("escalation").GetString() == "interview",
            what: "the interview (约谈)");
        var history = (await _admin.Get($"/api/evaluation/rectifications/{ordered}")).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()).ToList();
        Assert.Equal(["ordered", "yellow-card", "interview"], history);
    }

    [Fact]
    public async Task Back_after_downtime_past_both_deadlines_one_pass_gives_the_yellow_card_and_the_interview()
    {
        var ordered = await _admin.Create("/api/evaluation/rectifications", new { companyId = _other, reason = "楼道堆物清理不到位，限期整改", deadline = "2022-06-10" });

        // One pass of the job, a month and a half on (the service's own clock stays put, so its timer adds none).
        await Rectifications.RectificationEscalation.EscalateAsync(
            _host.Services.GetRequiredService<IDocumentStore>(), new DateTimeOffset(2022, 7, 30, 9, 0, 0, TimeSpan.FromHours(8)), 14, CancellationToken.None);

        var history = (await _admin.Get($"/api/evaluation/rectifications/{ordered}")).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()).ToList();
        Assert.Equal(["ordered", "yellow-card", "interview"], history);
    }

    [Fact]
    public async Task Bad_inspections_are_400_naming_the_field_and_an_estate_nobody_serves_is_409()
    {
        async Task<string> RefusedField(object body)
        {
            var response = await Inspect(body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return string.Join(",", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }

        Assert.Contains("findings[0].item", await RefusedField(new { estateId = _estate, on = "2022-05-30", findings = Findings(("no.such.item", 1, false)) }));
        Assert.Contains("findings[0].deduction", await RefusedField(new { estateId = _estate, on = "2022-05-30", findings = Findings(("fire.passage", 6, false)) }));
        Assert.Contains("findings", await RefusedField(new { estateId = _estate, on = "2022-05-30", findings = Findings(("fire.passage", 1, false), ("fire.passage", 2, false)) }));
        Assert.Contains("estateId", await RefusedField(new { estateId = Guid.NewGuid(), on = "2022-05-30", findings = Findings() }));
        Assert.Equal(HttpStatusCode.Conflict, (await Inspect(new { estateId = _unserved, on = "2022-05-30", findings = Findings() })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Inspect(new { estateId = _estate, on = "2099-01-01", findings = Findings() })).StatusCode);

        var checklist = await _admin.Get("/api/evaluation/inspections/checklist");
        Assert.Equal(100m, checklist.GetProperty("maxScore").GetDecimal());
        Assert.Equal(8, checklist.GetProperty("categories").GetArrayLength());
    }

    [Fact]
    public async Task Projects_add_up_by_completion_day_and_refuse_what_cannot_be()
    {
        var parking = await _admin.Create("/api/evaluation/projects", new { kind = "parkingSpaces", title = "渭滨小区新增车位", estateId = _estate, startedOn = "2022-03-01", householdsBenefiting = 200, parkingSpaces = 48 });
        var security = await _admin.Create("/api/evaluation/projects", new { kind = "smartSecurityUpgrade", title = "渭滨小区智慧安防", estateId = _estate, startedOn = "2022-03-01" });
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Http.PostAsJsonAsync("/api/evaluation/projects",
            new { kind = "renovation", title = "超户数", estateId = _estate, startedOn = "2022-03-01", householdsBenefiting = 641 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.Http.PostAsJsonAsync("/api/evaluation/projects",
            new { kind = "renovation", title = "改造带车位", estateId = _estate, startedOn = "2022-03-01", parkingSpaces = 3 })).StatusCode);

        await _admin.Change($"/api/evaluation/projects/{parking}/completion", new { completedOn = "2022-05-20", parkingSpaces = 50 }, 1);
        await _admin.Change($"/api/evaluation/projects/{security}/completion", new { completedOn = "2022-05-31" }, 1);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Post($"/api/evaluation/projects/{security}/completion", new { completedOn = "2022-05-31" }, 2)).StatusCode);

        var done = await _admin.Get($"/api/evaluation/projects/{parking}");
        Assert.Equal(50, done.GetProperty("parkingSpaces").GetInt32());
        Assert.Equal("2022-05-20", done.GetProperty("completedOn").GetString());
        Assert.Equal(parking, (await _admin.Get("/api/evaluation/projects?kind=parkingSpaces&completed=true")).GetProperty("items")[0].GetProperty("id").GetGuid());

        var may = await _admin.Get("/api/evaluation/projects/totals?from=2022-05-01&to=2022-05-25");
        Assert.Equal(50, may.GetProperty("parkingSpacesAdded").GetInt32());
        Assert.Equal(0, may.GetProperty("smartSecurityCommunities").GetInt32());
        Assert.Equal(200, may.GetProperty("householdsBenefiting").GetInt32());
        var all = await _admin.Get("/api/evaluation/projects/totals?to=2022-05-31");
        Assert.Equal(1, all.GetProperty("smartSecurityCommunities").GetInt32());
        // The estate's 640 households once: the 200 the parking serves live there too.
        Assert.Equal(640, all.GetProperty("householdsBenefiting").GetInt32());
        Assert.Equal(200, all.GetProperty("householdsByKind").GetProperty("parkingSpaces").GetInt32());
        Assert.Equal(640, all.GetProperty("householdsByKind").GetProperty("smartSecurityUpgrade").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await _admin.Http.GetAsync("/api/evaluation/projects/totals?from=20220501")).StatusCode);
    }
}
