using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Ledgers;

/// <summary>The four ledgers and the coverage view over a small district (own database).</summary>
public sealed class LedgersTests : IAsyncLifetime
{
    private const string Daobei = "道北街道渭滨社区";
    private const string Qiaonan = "桥南街道伯阳社区";
    private TestSystem _system = null!;
    private ServiceHost<OrganizationService> _host = null!;
    private OrganizationClient _org = null!;
    private DateTimeOffset _beforeMembers;
    private Guid _organized;
    private Guid _forming;
    private Guid _empty;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-ledgers");
        _host = _system.Start<OrganizationService>();
        _org = new OrganizationClient(_host.CreateClient());

        _organized = await CompanyIn("天水市麦积区甲级物业有限公司", Daobei, 800);
        _forming = await CompanyIn("天水市麦积区乙级物业有限公司", Daobei, 300);
        _empty = await CompanyIn("天水市麦积区丙级物业有限公司", Qiaonan, 150);
        _beforeMembers = DateTimeOffset.UtcNow;

        var secretary = await _org.Member(_organized, "甲书记");
        for (var i = 0; i < 3; i++)
        {
            await _org.Member(_organized, $"甲党员{i + 1}");
        }

        var branch = await _org.Branch("standalone", _organized);
        await _org.Change($"/api/organization/branches/{branch}/establishment", new { approvedOn = "2022-05-01", secretaryMemberId = secretary }, 1);

        await _org.Member(_forming, "乙党员");
        await _org.Member(_forming, "乙预备党员", stage: "probationary", admittedOn: "2022-01-01");
        await _org.Change($"/api/organization/companies/{_forming}/surveys",
            new { on = "2022-03-15", surveyor = "张强", together = "市场监管局", partyMembersFound = 2, organizationExists = false, findings = "党员人数不足，拟联合建" }, 1);
        var joint = await _org.Create("/api/organization/branches", new { name = "麦积区物业联合党支部", kind = "joint", plannedOn = "2022-01-10", companyIds = new[] { _forming, _empty }, plannedFor = "2022-09-30" });
        await _org.Change($"/api/organization/branches/{joint}/status-changes", new { step = "startForming" }, 1);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private async Task<Guid> CompanyIn(string name, string community, int households)
    {
        var id = await _org.Company(name);
        await _org.Serve(id, $"{name[^6..]}小区", community, households);
        return id;
    }

    private async Task<JsonElement> Ledger(string name, string query = "") => await _org.Get($"/api/organization/ledgers/{name}?{query}");

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task Ledger_1_filters_by_community()
    {
        var rows = Items(await Ledger("structure", $"community={Uri.EscapeDataString(Daobei)}"));

        Assert.Equal([_organized, _forming], rows.Select(r => r.GetProperty("companyId").GetGuid()));
        Assert.Equal(800, rows[0].GetProperty("households").GetInt32());
    }

    [Fact]
    public async Task Ledger_2_lists_the_established_branch_with_its_secretary_and_members()
    {
        var row = Assert.Single(Items(await Ledger("organizations")));

        Assert.Equal("甲书记", row.GetProperty("secretary").GetString());
        Assert.Equal("standalone", row.GetProperty("kind").GetString());
        Assert.Equal(4, row.GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task Ledger_3_says_what_each_unorganised_company_should_do_and_why()
    {
        var rows = Items(await Ledger("unorganized")).ToDictionary(r => r.GetProperty("companyId").GetGuid());

        Assert.Equal(2, rows.Count);
        Assert.Equal(("forming", "joinJointBranch", "党员人数不足，拟联合建", "2022-09-30"),
            (rows[_forming].GetProperty("status").GetString(), rows[_forming].GetProperty("recommendation").GetString(),
             rows[_forming].GetProperty("reason").GetString(), rows[_forming].GetProperty("plannedFor").GetString()));
        Assert.Equal(2, rows[_forming].GetProperty("members").GetInt32());
        Assert.Equal(1, rows[_forming].GetProperty("fullMembers").GetInt32());
        Assert.Equal("developMembers", rows[_empty].GetProperty("recommendation").GetString());
    }

    [Fact]
    public async Task Ledger_4_pages_and_answers_as_of_a_past_instant()
    {
        var page = await Ledger("members", "page=2&pageSize=4");
        var before = await Ledger("members", $"knownAt={Uri.EscapeDataString(_beforeMembers.ToString("O"))}");

        Assert.Equal(6, page.GetProperty("total").GetInt32());
        Assert.Equal(2, Items(page).Count);
        Assert.Equal(0, before.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_ledger_exports_as_csv_with_a_byte_order_mark_and_chinese_text()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organization/ledgers/members");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await _org.Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("MemberId,Name,CompanyId,Company", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Contains(lines, l => l.Contains("甲书记") && l.Contains("天水市麦积区甲级物业有限公司"));
    }

    [Fact]
    public async Task Coverage_shows_which_companies_with_members_still_lack_a_branch()
    {
        var coverage = await _org.Get("/api/organization/coverage");

        Assert.Equal((2, 1, 1, 1), (coverage.GetProperty("companiesWithMembers").GetInt32(), coverage.GetProperty("withBranch").GetInt32(),
            coverage.GetProperty("forming").GetInt32(), coverage.GetProperty("withoutBranch").GetInt32()));
        Assert.Equal(_forming, Assert.Single(coverage.GetProperty("uncovered").EnumerateArray()).GetProperty("companyId").GetGuid());

        // The counts for all; a company's survey row (why it has no branch) only for that company and the district.
        async Task<JsonElement> As(string role, Guid? company = null) =>
            await _host.CreateClient().WithToken(await _system.Identity.TokenAsync(role, company: company)).GetFromJsonAsync<JsonElement>("/api/organization/coverage");
        foreach (var (role, company, rows) in new (string, Guid?, int)[]
                 {
                     (Roles.CompanyUser, _forming, 1), (Roles.CompanyUser, _organized, 0), (Roles.IntegrationClient, null, 0), (Roles.Auditor, null, 1),
                 })
        {
            var seen = await As(role, company);
            Assert.Equal(coverage.GetProperty("withoutBranch").GetInt32(), seen.GetProperty("withoutBranch").GetInt32());
            Assert.Equal(rows, seen.GetProperty("uncovered").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_page_size_out_of_range_is_400_naming_pageSize()
    {
        var response = await _org.Http.GetAsync("/api/organization/ledgers/members?pageSize=0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Theory]
    [InlineData("/api/organization/ledgers/structure")]
    [InlineData("/api/organization/ledgers/organizations")]
    [InlineData("/api/organization/ledgers/unorganized")]
    [InlineData("/api/organization/ledgers/members")]
    [InlineData("/api/organization/coverage")]
    [InlineData("/api/organization/summary")]
    public async Task Now_and_as_of_a_future_instant_give_the_same_answer(string path)
    {
        static string WithoutAsOf(JsonElement json) =>
            JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != "asOf").ToDictionary(p => p.Name, p => p.Value));

        var now = await _org.Get(path);
        var future = await _org.Get($"{path}?asOf=2099-12-31T00:00:00Z");

        Assert.Equal(WithoutAsOf(now), WithoutAsOf(future));
    }
}
