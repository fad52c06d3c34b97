using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Summary;

/// <summary>The report's figures, built through the API and read back from the summary (own database).</summary>
public sealed class SummaryTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private OrganizationClient _org = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-summary");
        _org = new OrganizationClient(_system.Start<OrganizationService>().CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private async Task<JsonElement> Summary(string? asOf = null, string parameter = "asOf") =>
        await _org.Get(asOf is null ? "/api/organization/summary" : $"/api/organization/summary?{parameter}={Uri.EscapeDataString(asOf)}");

    [Fact]
    public async Task The_seed_figures_come_back_from_the_summary_as_of_the_reports_day_and_not_before()
    {
        var seed = await _org.SeedAsync();
        var forming = seed.Forming;

        // As of the report's day (2022-07-27) the figures are the seed's, and the same now; before 2022, none of it had happened.
        Assert.Equal(JsonSerializer.Serialize(Figures(await Summary())), JsonSerializer.Serialize(Figures(await Summary("2022-07-27"))));
        var before = await Summary("2021-12-31");
        Assert.Equal(0, before.GetProperty("partyMembers").GetInt32());
        Assert.Equal(0, before.GetProperty("branchesEstablished").GetInt32());
        Assert.Equal(0, before.GetProperty("instructors").GetInt32());
        Assert.Equal(0, before.GetProperty("responsibilityZones").GetInt32());
        var midway = await Summary("2022-05-31");
        Assert.Equal(82, midway.GetProperty("partyMembers").GetInt32()); // the leaver had not left yet
        Assert.Equal(5, midway.GetProperty("branchesEstablished").GetInt32());
        Assert.Equal(0, midway.GetProperty("companiesForming").GetInt32()); // forming started on 2022-06-01

        var summary = await Summary("2022-07-27");
        Assert.Equal(81, summary.GetProperty("partyMembers").GetInt32());
        Assert.Equal(12, summary.GetProperty("companiesWithMembers").GetInt32());
        Assert.Equal(5, summary.GetProperty("branchesEstablished").GetInt32());
        Assert.Equal(7, summary.GetProperty("companiesForming").GetInt32());
        Assert.Equal(7, summary.GetProperty("companiesWithoutOrganization").GetInt32());
        Assert.Equal(38, summary.GetProperty("instructors").GetInt32());
        Assert.Equal(8, summary.GetProperty("responsibilityZones").GetInt32());
        Assert.Equal(12, summary.GetProperty("pioneerPosts").GetInt32());

        // The 5 established are standalone; the 7 companies forming are in 3 standalone and 2 joint
        // branches, every one of them forming (not merely planned).
        var established = await _org.Get("/api/organization/ledgers/organizations?pageSize=500");
        Assert.Equal(Enumerable.Repeat("standalone", 5), established.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("kind").GetString()));
        var uncovered = (await _org.Get("/api/organization/coverage")).GetProperty("uncovered").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Repeat("forming", 7), uncovered.Select(r => r.GetProperty("status").GetString()));
        var kinds = new List<(string?, int)>();
        foreach (var branch in forming)
        {
            var details = await _org.Get($"/api/organization/branches/{branch}");
            Assert.Equal("forming", details.GetProperty("status").GetString());
            kinds.Add((details.GetProperty("kind").GetString(), details.GetProperty("companyIds").GetArrayLength()));
        }

        Assert.Equal([("standalone", 1), ("standalone", 1), ("standalone", 1), ("joint", 2), ("joint", 2)], kinds);
    }

    private static Dictionary<string, int> Figures(JsonElement summary) =>
        summary.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetInt32());

    [Fact]
    public async Task Known_at_a_past_instant_the_summary_counts_only_what_was_recorded_by_then()
    {
        var company = await _org.Company();
        await _org.Member(company);
        var member = await _org.Member(company);
        var then = DateTimeOffset.UtcNow;

        await _org.Member(company);
        await _org.Change($"/api/organization/members/{member}/departure", new { reason = "调离" }, 1);
        await _org.Create("/api/organization/instructors", new { name = "指导员", source = "dispatchedByIndustry", appointedOn = "2022-03-01" });

        var past = await Summary(then.ToString("O"), "knownAt");
        var now = await Summary();
        Assert.Equal(2, past.GetProperty("partyMembers").GetInt32());
        Assert.Equal(0, past.GetProperty("instructors").GetInt32());
        Assert.Equal(2, now.GetProperty("partyMembers").GetInt32()); // one more joined, one left
        Assert.Equal(1, now.GetProperty("instructors").GetInt32());
        Assert.Equal(0, (await Summary("2000-01-01")).GetProperty("partyMembers").GetInt32());
    }

    [Fact]
    public async Task An_unreadable_as_of_is_400_naming_asOf()
    {
        var response = await _org.Http.GetAsync("/api/organization/summary?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("asOf", out _));
    }

    [Fact]
    public async Task Zones_and_posts_need_current_party_members()
    {
        var company = await _org.Company();
        var estate = await _org.Serve(company, "麦积区小区", "北道埠社区", 120);
        var applicant = await _org.Member(company, via: "developed", stage: "applicant", admittedOn: null);

        var zone = await _org.Http.PostAsJsonAsync("/api/organization/responsibility-zones", new { estateId = estate, buildings = new[] { "3号楼" }, memberIds = new[] { applicant } });
        var post = await _org.Http.PostAsJsonAsync("/api/organization/pioneer-posts", new { post = "先锋岗", memberId = Guid.CreateVersion7(), estateId = estate });

        var member = await _org.Member(await _org.Company());
        var nowhere = await _org.Http.PostAsJsonAsync("/api/organization/responsibility-zones", new { estateId = Guid.CreateVersion7(), buildings = new[] { "3号楼" }, memberIds = new[] { member } });
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.True((await nowhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("estateId", out _));
        var created = await _org.Http.PostAsJsonAsync("/api/organization/responsibility-zones", new { estateId = estate, buildings = new[] { "3号楼" }, memberIds = new[] { member } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _org.Http.GetAsync(created.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.True((await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("memberId", out _));
    }
}
