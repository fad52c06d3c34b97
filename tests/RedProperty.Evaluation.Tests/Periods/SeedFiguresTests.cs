using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.PartyBuilding;
using RedProperty.Evaluation.Places;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Tests.Periods;

/// <summary>
/// The report's evaluation figures built through the API: 5 companies on the red list, 3 on the black
/// list (and ordered to rectify), 70 smart-security estates, 548 parking spaces, 103 renovations,
/// 10,504 households benefiting — from a directory fed by Organization's events on the real broker.
/// </summary>
public sealed class SeedFiguresTests : IAsyncLifetime
{
    // 10 May 2022 in Tianshui, inside 2022Q2.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 5, 10, 9, 0, 0, TimeSpan.FromHours(8)));
    private TestSystem _system = null!;
    private ServiceHost<EvaluationService> _host = null!;
    private ApiClient _admin = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("evaluation-seed");
        _host = _system.Start<EvaluationService>(s => s.AddSingleton<TimeProvider>(_time));
        await _host.ConsumersReadyAsync();
        _admin = new ApiClient(_host.CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private Task Publish<T>(T message) where T : class => _host.Services.GetRequiredService<IBus>().Publish(message);

    private async Task<(Guid Company, Guid Estate)> Company(string name, Guid community, int n)
    {
        var company = Guid.CreateVersion7();
        var estate = Guid.CreateVersion7();
        await Publish(new V1.PropertyCompanyRegistered(company, name, $"9162050300000{n:D4}X", "甘肃省天水市麦积区", _time.GetUtcNow()));
        await Publish(new V1.EstateRegistered(estate, $"{name[..^6]}小区", community, 500, _time.GetUtcNow()));
        await Publish(new V1.EstateServiceContracted(estate, company, new DateOnly(2020, 1, 1), null, _time.GetUtcNow()));
        return (company, estate);
    }

    /// <summary>An inspection that deducts <paramref name="deduction"/> points, spread over the default checklist's items in order.</summary>
    private async Task Inspect(Guid estate, decimal deduction)
    {
        var findings = new List<object>();
        foreach (var item in RedProperty.Evaluation.Inspections.InspectionChecklist.Default.SelectMany(c => c.Items))
        {
            if (deduction <= 0)
            {
                break;
            }

            var taken = Math.Min(deduction, item.Points);
            findings.Add(new { item = item.Code, deduction = taken, note = $"{item.Description}：不到位", evidence = new[] { "https://img.example.cn/inspection.jpg" } });
            deduction -= taken;
        }

        await _admin.Create("/api/evaluation/inspections", new { estateId = estate, on = "2022-05-10", findings });
    }

    private async Task ValidComplaints(Guid estate, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = await _admin.Create("/api/evaluation/complaints", new { serviceCode = "sanitation", description = $"{i + 1}号楼楼道垃圾无人清运", estateId = estate });
            await _admin.Change($"/api/evaluation/complaints/{id}/acceptance", new { note = "属实" }, 1);
        }
    }

    [Fact]
    public async Task Five_red_three_black_and_the_improvement_figures_then_an_upheld_objection_takes_one_off_the_black_list()
    {
        var community = Guid.CreateVersion7();
        await Publish(new V1.CommunityRegistered(community, "北道埠社区", Guid.CreateVersion7(), _time.GetUtcNow()));
        string[] names = ["红苑物业服务有限公司", "锦绣物业服务有限公司", "渭滨物业服务有限公司", "桥南物业服务有限公司", "马跑泉物业服务有限公司",
            "东岔物业服务有限公司", "甘泉物业服务有限公司", "社棠物业服务有限公司", "石佛物业服务有限公司", "伯阳物业服务有限公司", "元龙物业服务有限公司"];
        var companies = new List<(Guid Company, Guid Estate)>();
        for (var i = 0; i < names.Length; i++)
        {
            companies.Add(await Company($"天水市麦积区{names[i]}", community, i));
        }

        var (red, black, middle) = (companies[..5], companies[5..8], companies[8..]);
        foreach (var (company, _) in red)
        {
            await Publish(new V1.PartyBranchEstablished(Guid.CreateVersion7(), "联合党支部", "joint", [company], new DateOnly(2021, 7, 1), _time.GetUtcNow()));
        }

        foreach (var (company, _) in middle)
        {
            // Recorded in August, dated when forming started: it counts on the period's last day.
            await Publish(new V1.PartyBranchFormingStarted(Guid.CreateVersion7(), [company], new DateTimeOffset(2022, 8, 1, 9, 0, 0, TimeSpan.FromHours(8)), new DateOnly(2022, 6, 1)));
        }

        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await Eventually.True(async () =>
        {
            await using var session = store.QuerySession();
            var estates = await session.Query<EstateDirectoryEntry>().ToListAsync();
            var known = (estates.Count(e => e.Registered && e.Services.Count == 1), await session.Query<CompanyDirectoryEntry>().CountAsync(c => c.Registered),
                await session.Query<PartyBuildingEntry>().CountAsync());
            return known == (11, 11, 8);
        }, what: "the directory from Organization's events");

        // Red: 98 at inspection, no complaints, an established branch → 99.0 (A).
        foreach (var (_, estate) in red)
        {
            await Inspect(estate, 2);
        }

        // Black: 62 at inspection (passes), 15 valid complaints of 500 households (3 per 100 → 40), no branch → 46.0 (E).
        foreach (var (_, estate) in black)
        {
            await Inspect(estate, 38);
            await ValidComplaints(estate, 15);
        }

        // Middle: 85 at inspection, no complaints, a branch forming → 87.5 (B).
        foreach (var (_, estate) in middle)
        {
            await Inspect(estate, 15);
        }

        await Projects();

        _time.SetUtcNow(new DateTimeOffset(2022, 7, 5, 9, 0, 0, TimeSpan.FromHours(8)));
        var closed = await _admin.Http.PostAsJsonAsync("/api/evaluation/periods/2022Q2/close", new { });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var period = await closed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(red.Select(r => r.Company).Order(), period.GetProperty("redList").EnumerateArray().Select(e => e.GetGuid()).Order());
        Assert.Equal(black.Select(r => r.Company).Order(), period.GetProperty("blackList").EnumerateArray().Select(e => e.GetGuid()).Order());
        var blackScore = period.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("companyId").GetGuid() == black[0].Company);
        Assert.Equal(46.0m, blackScore.GetProperty("total").GetDecimal());
        Assert.Equal(15, blackScore.GetProperty("evidence").GetProperty("validComplaintIds").GetArrayLength());
        Assert.Equal(3m, blackScore.GetProperty("complaintRate").GetDecimal());
        var middleScore = period.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("companyId").GetGuid() == middle[0].Company);
        Assert.Equal(60m, middleScore.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "partyBuilding").GetProperty("score").GetDecimal());
        Assert.Equal(87.5m, middleScore.GetProperty("total").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Http.PostAsJsonAsync("/api/evaluation/periods/2022Q2/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Http.PostAsJsonAsync("/api/evaluation/periods/2022Q3/close", new { })).StatusCode); // not ended
        Assert.Equal("2022Q2", Assert.Single((await _admin.Get("/api/evaluation/periods")).EnumerateArray()).GetProperty("period").GetString());

        // Complaints and inspections are counted per day by the async daemon: a moment behind the writes.
        await Eventually.True(async () => (await _admin.Get("/api/evaluation/summary?asOf=2022-07-05")).GetProperty("inspectionsMade").GetInt32() == 11,
            what: "the day counts of the complaints and inspections");
        var summary = await _admin.Get("/api/evaluation/summary?asOf=2022-07-05");
        Assert.Equal(5, summary.GetProperty("redListed").GetInt32());
        Assert.Equal(3, summary.GetProperty("blackListed").GetInt32());
        Assert.Equal(3, summary.GetProperty("rectificationsOpen").GetInt32());
        Assert.Equal(70, summary.GetProperty("smartSecurityCommunities").GetInt32());
        Assert.Equal(548, summary.GetProperty("parkingSpacesAdded").GetInt32());
        Assert.Equal(103, summary.GetProperty("renovatedCommunities").GetInt32());
        Assert.Equal(10_504, summary.GetProperty("householdsBenefiting").GetInt32());
        Assert.Equal(45, summary.GetProperty("complaintsFiled").GetInt32());
        // Before the close, by the dates things happened: no lists yet.
        Assert.Equal(0, (await _admin.Get("/api/evaluation/summary?asOf=2022-06-30")).GetProperty("redListed").GetInt32());

        // The notice (通报), public as the lists are: every listed company, the complaint-rate rule, the deadline 30 days on.
        var anyone = _host.CreateClient().WithToken(null);
        var notice = await anyone.GetAsync("/api/evaluation/periods/2022Q2/notice");
        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
        Assert.Equal("application/pdf", notice.Content.Headers.ContentType!.MediaType);
        Assert.Equal("红黑榜通报-2022Q2.pdf", notice.Content.Headers.ContentDisposition!.FileNameStar);
        var text = await PdfText.ReadAsync(await notice.Content.ReadAsByteArrayAsync());
        Assert.Contains("关于2022年第二季度物业服务企业红黑榜评定结果的通报", text);
        Assert.Contains("对服务管理规范、业主评价好的5家物业服务企业列入“红榜”", text);
        Assert.Contains("对服务质量差、业主反映多的3家物业服务企业列入“黑榜”", text);
        foreach (var name in names[..8])
        {
            Assert.Contains($"天水市麦积区{name}", text);
        }

        Assert.DoesNotContain(names[8], text);
        Assert.Contains("业主反映多：有效投诉15件，每百户有效投诉3件2022年8月4日", text);
        Assert.Equal(HttpStatusCode.NotModified, (await anyone.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/evaluation/periods/2022Q2/notice")
        {
            Headers = { IfNoneMatch = { notice.Headers.ETag! } },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/api/evaluation/periods/2022Q1/notice")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anyone.GetAsync("/api/evaluation/periods/二季度/notice")).StatusCode);

        // The company shows 10 of its complaints belonged to the heating company; upheld, it leaves the black list.
        var user = new ApiClient(_host.CreateClient().WithToken(await _system.Identity.TokenAsync(Roles.CompanyUser, company: black[0].Company)));
        var disputed = blackScore.GetProperty("evidence").GetProperty("validComplaintIds").EnumerateArray().Take(10).Select(e => e.GetGuid()).ToArray();
        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.PostAsJsonAsync("/api/evaluation/periods/2022Q2/objections",
            new { companyId = black[1].Company, reason = "替别人申诉" })).StatusCode);
        var filed = await user.Http.PostAsJsonAsync("/api/evaluation/periods/2022Q2/objections",
            new { companyId = black[0].Company, reason = "其中10件为供热问题，不属物业服务", complaintIds = disputed });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var objection = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objections")[0].GetProperty("id").GetGuid();
        var version = long.Parse((await _admin.Http.GetAsync("/api/evaluation/periods/2022Q2")).Headers.ETag!.Tag.Trim('"'));
        await _admin.Change($"/api/evaluation/periods/2022Q2/objections/{objection}/ruling", new { upheld = true, reason = "经核实属实" }, version);

        var revised = await _admin.Get("/api/evaluation/periods/2022Q2");
        Assert.Equal(2, revised.GetProperty("revision").GetInt32());
        Assert.DoesNotContain(black[0].Company, revised.GetProperty("blackList").EnumerateArray().Select(e => e.GetGuid()));
        var rescored = revised.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("companyId").GetGuid() == black[0].Company);
        Assert.Equal(5, rescored.GetProperty("evidence").GetProperty("validComplaintIds").GetArrayLength());
        Assert.Equal(2, (await _admin.Get("/api/evaluation/summary?asOf=2022-07-06")).GetProperty("blackListed").GetInt32());

        // The revised notice: two on the black list, the revision named.
        var reissued = await PdfText.ReadAsync(await anyone.GetByteArrayAsync("/api/evaluation/periods/2022Q2/notice"));
        Assert.Contains("业主反映多的2家物业服务企业", reissued);
        Assert.DoesNotContain(names[5], reissued);
        Assert.Contains("本通报根据异议复核结果于2022年7月5日更新（第2版）", reissued);
    }

    /// <summary>
    /// 103 old estates of 10,504 households in all (101 of 102, 2 of 101), each renovated whole; 70 of them also given smart
    /// security, 10 new parking (548 spaces, 33 households each). Each household counts once: 10,504, not the 17,974 the
    /// projects add up to.
    /// </summary>
    private async Task Projects()
    {
        var community = Guid.CreateVersion7();
        await Publish(new V1.CommunityRegistered(community, "桥南社区", Guid.CreateVersion7(), _time.GetUtcNow()));
        var estates = Enumerable.Range(0, 103).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var (estate, i) in estates.Select((e, i) => (e, i)))
        {
            await Publish(new V1.EstateRegistered(estate, $"桥南{i + 1}号院", community, i < 101 ? 102 : 101, _time.GetUtcNow()));
        }

        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await Eventually.True(async () =>
        {
            await using var session = store.QuerySession();
            return await session.Query<EstateDirectoryEntry>().CountAsync(e => e.CommunityId == community && e.Registered) == 103;
        }, what: "103 estates in the directory");

        // No households given: the whole estate's.
        async Task Done(string kind, Guid estate, int? households, int spaces)
        {
            var id = await _admin.Create("/api/evaluation/projects", new { kind, title = "麦积区2022年提升工程", estateId = estate, startedOn = "2022-03-01", householdsBenefiting = households, parkingSpaces = spaces });
            await _admin.Change($"/api/evaluation/projects/{id}/completion", new { completedOn = "2022-05-08" }, 1);
        }

        foreach (var estate in estates.Take(70))
        {
            await Done("smartSecurityUpgrade", estate, null, 0);
        }

        foreach (var estate in estates)
        {
            await Done("renovation", estate, null, 0);
        }

        foreach (var (estate, i) in estates.Take(10).Select((e, i) => (e, i)))
        {
            await Done("parkingSpaces", estate, 33, i < 9 ? 55 : 53);
        }

        // One still underway: not counted.
        await _admin.Create("/api/evaluation/projects", new { kind = "renovation", title = "未完工", estateId = estates[^1], startedOn = "2022-05-01" });
    }
}
