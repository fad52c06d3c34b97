using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Security;

/// <summary>Who may do what in Organization: the role table of README, scope limits (404), the audit of personal data, rate limits.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    /// <summary>The role table of README (district-admin may call everything and is implied).</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["RegisterCompany"] = [],
        ["GetCompany"] = Roles.Staff,
        ["UpdateCompany"] = [],
        ["RegisterSubDistrict"] = [],
        ["RegisterCommunity"] = [],
        ["RegisterEstate"] = [],
        ["UpdateEstate"] = [],
        ["ContractEstateService"] = [],
        ["EndEstateService"] = [],
        ["GetSubDistrict"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["GetCommunity"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["GetEstate"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["ListSubDistricts"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["ListCommunities"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["ListEstates"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["RecordStructure"] = [Roles.CompanyUser],
        ["RecordSurvey"] = [],
        ["RegisterMember"] = [],
        ["GetMember"] = [Roles.Auditor, Roles.CompanyUser],
        ["EraseMember"] = [],
        ["AdvanceDevelopment"] = [],
        ["TransferRelation"] = [],
        ["LeaveCompany"] = [],
        ["MakePledge"] = [],
        ["ChangeCompanyRole"] = [],
        ["MoveCompany"] = [],
        ["PledgeBoard"] = Roles.Staff,
        ["PlanBranch"] = [],
        ["GetBranch"] = [Roles.Auditor],
        ["EstablishBranch"] = [],
        ["RecordExistingBranch"] = [],
        ["ChangeBranchSecretary"] = [],
        ["ChangeBranchStatus"] = [],
        ["AppointInstructor"] = [],
        ["GetInstructor"] = [Roles.Auditor, Roles.Instructor],
        ["AssignInstructor"] = [],
        ["RecordInstructorVisit"] = [Roles.Instructor],
        ["GetVisitCompliance"] = [Roles.Auditor],
        ["CloseVisitMonth"] = [],
        ["DesignateResponsibilityZone"] = [],
        ["DesignatePioneerPost"] = [],
        ["GetResponsibilityZone"] = Roles.Staff,
        ["GetPioneerPost"] = Roles.Staff,
        ["ListResponsibilityZones"] = Roles.Staff,
        ["ListPioneerPosts"] = Roles.Staff,
        ["RetireResponsibilityZone"] = [],
        ["RetirePioneerPost"] = [],
        ["ListInstructors"] = [Roles.Auditor],
        ["EndInstructorAssignment"] = [],
        ["EndInstructorAppointment"] = [],
        ["StructureLedger"] = [Roles.Auditor, Roles.CommunityStaff, Roles.CompanyUser],
        ["OrganizationsLedger"] = [Roles.Auditor, Roles.CommunityStaff],
        ["UnorganizedLedger"] = [Roles.Auditor, Roles.CommunityStaff, Roles.CompanyUser],
        ["MembersLedger"] = [Roles.Auditor, Roles.CommunityStaff, Roles.CompanyUser],
        ["BranchCoverage"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["GetOrganizationSummary"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["ReplayIntegrationEvents"] = [],
        ["RepublishUnrouted"] = [],
        ["GetPersonalDataReads"] = [],
        ["GetAuditTrail"] = [Roles.Auditor],
    };

    private TestSystem _system = null!;
    private ServiceHost<OrganizationService> _host = null!;
    private OrganizationClient _admin = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-access");
        _host = _system.Start<OrganizationService>();
        _admin = new OrganizationClient(_host.CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private async Task<HttpClient> As(string role, string? community = null, Guid? company = null, Guid? instructor = null, int? rateLimit = null) =>
        _host.CreateClient().WithToken(await _system.Identity.TokenAsync(role, community, company, instructor, rateLimit));

    [Fact]
    public Task Every_endpoint_answers_401_without_a_token_403_to_other_roles_and_serves_its_roles() =>
        AccessMatrix.AssertAsync(_host, _system.Identity, Expected);

    [Fact]
    public async Task A_companys_users_see_their_company_and_nothing_of_another()
    {
        var own = await _admin.Company("天水市麦积区自家物业服务有限公司");
        var other = await _admin.Company("天水市麦积区别家物业服务有限公司");
        var ownMember = await _admin.Member(own, "张自家");
        var otherMember = await _admin.Member(other, "王别家");
        var user = await As(Roles.CompanyUser, company: own);

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"/api/organization/companies/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"/api/organization/members/{ownMember}")).StatusCode);
        var hidden = await user.GetAsync($"/api/organization/companies/{other}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/organization/members/{otherMember}")).StatusCode);

        // Changing another company's structure: 404 before anything else is looked at.
        using var change = new HttpRequestMessage(HttpMethod.Put, $"/api/organization/companies/{other}/structure")
        {
            Content = JsonContent.Create(new { employees = 12, departments = Array.Empty<object>() }),
        };
        change.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.NotFound, (await user.SendAsync(change)).StatusCode);

        var ledger = await user.GetFromJsonAsync<JsonElement>("/api/organization/ledgers/members?pageSize=500");
        var companies = ledger.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("companyId").GetGuid()).Distinct().ToList();
        Assert.Equal([own], companies);

        var board = await user.GetAsync($"/api/organization/pledges?companyId={other}");
        Assert.Equal(HttpStatusCode.NotFound, board.StatusCode);
    }

    [Fact]
    public async Task A_communitys_staff_see_their_community_and_asking_for_another_is_404()
    {
        var ours = await CompanyIn("天水市麦积区北道埠物业有限公司", "北道埠社区");
        var theirs = await CompanyIn("天水市麦积区花牛物业有限公司", "花牛社区");
        await _admin.Member(ours, "赵北道");
        await _admin.Member(theirs, "钱花牛");
        var beidaobu = _admin.CommunityId("北道埠社区");
        var staff = await As(Roles.CommunityStaff, community: beidaobu.ToString());

        var ledger = await staff.GetFromJsonAsync<JsonElement>("/api/organization/ledgers/structure?pageSize=500");
        Assert.Equal([ours], ledger.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("companyId").GetGuid()).ToList());
        var members = await staff.GetFromJsonAsync<JsonElement>("/api/organization/ledgers/members?pageSize=500");
        Assert.Equal(["赵北道"], members.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/organization/ledgers/members?community={_admin.CommunityId("花牛社区")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/organization/ledgers/members?community={beidaobu}")).StatusCode);
    }

    [Fact]
    public async Task A_communitys_staff_reach_their_community_by_id_not_every_community_of_its_name()
    {
        var ours = await CompanyIn("天水市麦积区新村物业有限公司", "新村社区");
        await _admin.Member(ours, "孙新村");
        // Another 新村社区, in another sub-district, served by another company.
        var namesake = await _admin.Namesake("新村社区");
        var theirs = await _admin.Company("天水市麦积区另一新村物业有限公司");
        var estate = await _admin.Create("/api/organization/estates", new { name = $"新村小区{Guid.NewGuid():N}"[..10], communityId = namesake, households = 200 });
        await _admin.Change($"/api/organization/estates/{estate}/service-contracts", new { companyId = theirs, from = "2020-01-01" }, 1);
        await _admin.Member(theirs, "周另村");

        var staff = await As(Roles.CommunityStaff, community: _admin.CommunityId("新村社区").ToString());
        var members = await staff.GetFromJsonAsync<JsonElement>("/api/organization/ledgers/members?pageSize=500");
        Assert.Equal(["孙新村"], members.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList());
    }

    [Fact]
    public async Task An_instructor_records_their_own_visits_only()
    {
        var company = await _admin.Company("天水市麦积区指导物业有限公司");
        var own = await _admin.Create("/api/organization/instructors", new { name = "马指导员", source = "dispatchedByIndustry", appointedOn = "2022-03-01" });
        var other = await _admin.Create("/api/organization/instructors", new { name = "牛指导员", source = "selectedByCommunity", appointedOn = "2022-03-01" });
        foreach (var instructor in new[] { own, other })
        {
            await _admin.Change($"/api/organization/instructors/{instructor}/assignments", new { companyId = company, from = "2022-06-01" }, 1);
        }

        var me = await As(Roles.Instructor, instructor: own);
        var visit = new { companyId = company, on = "2022-06-02", topics = new[] { "党建工作指导" }, disputesCoordinated = 1 };

        Assert.Equal(HttpStatusCode.OK, (await Post(me, $"/api/organization/instructors/{own}/visits", visit, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(me, $"/api/organization/instructors/{other}/visits", visit, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await me.GetAsync($"/api/organization/instructors/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/api/organization/instructors/{own}")).StatusCode);
    }

    [Fact]
    public async Task Every_read_of_personal_data_is_recorded_and_only_a_district_admin_reads_the_record()
    {
        var company = await _admin.Company("天水市麦积区审计物业有限公司");
        var member = await _admin.Member(company, "孙审计");
        var auditor = await As(Roles.Auditor);
        var csv = new HttpRequestMessage(HttpMethod.Get, "/api/organization/ledgers/members");
        csv.Headers.Accept.ParseAdd("text/csv");
        Assert.Equal(HttpStatusCode.OK, (await auditor.SendAsync(csv)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/organization/members/{member}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/organization/ledgers/organizations")).StatusCode); // secretaries' names
        // Not a personal-data read: the summary.
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/organization/summary")).StatusCode);

        var reads = await _admin.Get("/api/organization/personal-data-reads?actor=system:dev-auditor");
        var items = reads.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["ledger-2-organizations", "party-member", "ledger-4-members"], items.Select(i => i.GetProperty("what").GetString()).ToList());
        Assert.All(items, i => Assert.Equal(["auditor"], i.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList()));
        Assert.Contains($"/api/organization/members/{member}", items[1].GetProperty("request").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/organization/personal-data-reads")).StatusCode);
    }

    [Fact]
    public async Task A_caller_over_its_rate_limit_gets_429_with_Retry_After_and_others_are_not_affected()
    {
        // 6 a minute: a burst of one, then one every ten seconds.
        var limited = await As(Roles.Auditor, rateLimit: 6);
        Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync("/api/organization/summary")).StatusCode);
        var refused = await limited.GetAsync("/api/organization/summary");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 10);
        Assert.Equal(HttpStatusCode.OK, (await _admin.Http.GetAsync("/api/organization/summary")).StatusCode);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_from_two_callers_creates_two_resources()
    {
        var first = _admin.Http;
        var second = _host.CreateClient().WithToken(await _system.Identity.TokenAsync(Roles.DistrictAdmin, rateLimit: 6_000));
        var ids = new List<string?>();
        foreach (var client in new[] { first, second })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organization/companies")
            {
                Content = JsonContent.Create(new { name = "天水市麦积区幂等物业有限公司", creditCode = CreditCodes.Next(), address = "甘肃省天水市麦积区" }),
            };
            request.Headers.Add("Idempotency-Key", "shared-key-1");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add(response.Headers.Location?.ToString());
        }

        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_open_and_declares_how_to_sign_in_and_who_may_call_each_operation()
    {
        var document = await _host.CreateClient().WithToken(null).GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.EndsWith("/connect/token", schemes.GetProperty("oauth2").GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        var ledger = document.GetProperty("paths").GetProperty("/api/organization/ledgers/members").GetProperty("get");
        Assert.Contains("Roles: district-admin, auditor, community-staff, company-user.", ledger.GetProperty("description").GetString());
        Assert.Equal(2, ledger.GetProperty("security").GetArrayLength());
    }

    private async Task<Guid> CompanyIn(string name, string community)
    {
        var id = await _admin.Company(name);
        await _admin.Serve(id, $"{community}小区", community, 300);
        return id;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, object body, long ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return client.SendAsync(request);
    }
}
