using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RedProperty.Organization.Instructors;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Instructors;

/// <summary>Instructors over HTTP with the clock under the test's control (own database).</summary>
public sealed class InstructorsApiTests : IAsyncLifetime
{
    // 2022-06-10 09:00 in Tianshui.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 6, 10, 9, 0, 0, TimeSpan.FromHours(8)));
    private TestSystem _system = null!;
    private OrganizationClient _org = null!;
    private ServiceHost<OrganizationService> _host = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-instructors");
        _host = _system.Start<OrganizationService>(services => services.AddSingleton<TimeProvider>(_time));
        _org = new OrganizationClient(_host.CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private Task<Guid> Appoint(string name = "马指导员") =>
        _org.Create("/api/organization/instructors", new { name, source = "dispatchedByIndustry", appointedOn = "2022-03-01" });

    private async Task<JsonElement> Compliance(string month) => await _org.Get($"/api/organization/instructors/compliance?month={month}");

    [Fact]
    public async Task When_the_month_ends_each_shortfall_is_recorded_once()
    {
        var diligent = await _org.Company("天水市麦积区勤勉物业有限公司");
        var neglected = await _org.Company("天水市麦积区疏忽物业有限公司");
        var absent = await _org.Company("天水市麦积区缺席物业有限公司");
        var instructor = await Appoint();
        var version = await _org.Change($"/api/organization/instructors/{instructor}/assignments", new { companyId = diligent, from = "2022-06-01" }, 1);
        version = await _org.Change($"/api/organization/instructors/{instructor}/assignments", new { companyId = neglected, from = "2022-06-01" }, version);
        version = await _org.Change($"/api/organization/instructors/{instructor}/assignments", new { companyId = absent, from = "2022-06-01" }, version);
        version = await _org.Change($"/api/organization/instructors/{instructor}/visits", new { companyId = diligent, on = "2022-06-02", topics = new[] { "党建工作指导" }, disputesCoordinated = 1 }, version);
        version = await _org.Change($"/api/organization/instructors/{instructor}/visits", new { companyId = diligent, on = "2022-06-09", topics = new[] { "协调业主纠纷" }, disputesCoordinated = 2 }, version);
        version = await _org.Change($"/api/organization/instructors/{instructor}/visits", new { companyId = neglected, on = "2022-06-08", topics = new[] { "党建工作指导" }, disputesCoordinated = 0 }, version);

        var open = await Compliance("2022-06");
        Assert.False(open.GetProperty("closed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Http.PostAsync("/api/organization/instructors/compliance/2022-06/close", null)).StatusCode);

        // A day's grace for late entries: June closes at the start of 2 July, district time.
        _time.SetUtcNow(new DateTimeOffset(2022, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        version = await _org.Change($"/api/organization/instructors/{instructor}/visits", new { companyId = neglected, on = "2022-06-30", topics = new[] { "补录" }, disputesCoordinated = 0 }, version);
        Assert.False((await Compliance("2022-06")).GetProperty("closed").GetBoolean());
        _time.SetUtcNow(new DateTimeOffset(2022, 7, 2, 0, 0, 1, TimeSpan.FromHours(8)));

        var closed = await Eventually.Get(async () =>
        {
            var june = await Compliance("2022-06");
            return june.GetProperty("closed").GetBoolean() ? (JsonElement?)june : null;
        }, what: "June closed by the month-close service");
        var rows = closed!.Value.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.False(rows.Single(r => r.GetProperty("companyId").GetGuid() == diligent).GetProperty("belowMinimum").GetBoolean());
        Assert.False(rows.Single(r => r.GetProperty("companyId").GetGuid() == neglected).GetProperty("belowMinimum").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Http.PostAsync("/api/organization/instructors/compliance/2022-06/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/instructors/{instructor}/visits",
            new { companyId = neglected, on = "2022-06-29", topics = new[] { "迟到的补录" }, disputesCoordinated = 0 }, version)).StatusCode);

        // Exactly one shortfall event: the absent company. The neglected one met the minimum through the late entry.
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var shortfalls = await session.Events.QueryRawEventDataOnly<InstructorVisitsBelowMinimum>().ToListAsync();
        var shortfall = Assert.Single(shortfalls);
        Assert.Equal((instructor, absent, "2022-06", 0, 2), (shortfall.InstructorId, shortfall.CompanyId, shortfall.Month, shortfall.Visits, shortfall.Minimum));
    }

    [Fact]
    public async Task A_visit_to_a_company_not_assigned_is_409_and_a_future_visit_too()
    {
        var company = await _org.Company();
        var instructor = await Appoint("冯指导员");

        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/instructors/{instructor}/visits",
            new { companyId = company, on = "2022-06-09", topics = new[] { "党建" }, disputesCoordinated = 0 }, 1)).StatusCode);
        var version = await _org.Change($"/api/organization/instructors/{instructor}/assignments", new { companyId = company, from = "2022-06-01" }, 1);
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/instructors/{instructor}/visits",
            new { companyId = company, on = "2022-06-11", topics = new[] { "党建" }, disputesCoordinated = 0 }, version)).StatusCode);
    }

    [Fact]
    public async Task Assigning_to_an_unknown_company_is_400_and_an_unknown_month_too()
    {
        var instructor = await Appoint();

        var assign = await _org.Post($"/api/organization/instructors/{instructor}/assignments", new { companyId = Guid.CreateVersion7(), from = "2022-06-01" }, 1);
        var month = await _org.Http.GetAsync("/api/organization/instructors/compliance?month=June");

        Assert.Equal(HttpStatusCode.BadRequest, assign.StatusCode);
        Assert.True((await assign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("companyId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, month.StatusCode);
    }
}
