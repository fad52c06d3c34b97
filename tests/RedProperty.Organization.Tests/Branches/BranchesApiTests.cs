using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RedProperty.Organization.Tests.Branches;

public sealed class BranchesApiTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    [Fact]
    public async Task A_joint_branch_is_planned_formed_and_established_with_a_secretary_from_a_member_company()
    {
        var a = await _org.Company("天水市麦积区甲物业有限公司");
        var b = await _org.Company("天水市麦积区乙物业有限公司");
        var secretary = await _org.Member(b, "陈支书");
        await _org.Member(a, "甲党员一");
        await _org.Member(a, "甲党员二");
        var id = await _org.Branch("joint", a, b);

        var version = await _org.Change($"/api/organization/branches/{id}/status-changes", new { step = "startForming" }, 1);
        await _org.Change($"/api/organization/branches/{id}/establishment", new { approvedOn = "2022-05-20", secretaryMemberId = secretary }, version);

        var branch = await _org.Get($"/api/organization/branches/{id}");
        Assert.Equal("established", branch.GetProperty("status").GetString());
        Assert.Equal("joint", branch.GetProperty("kind").GetString());
        Assert.Equal(secretary, branch.GetProperty("secretaryMemberId").GetGuid());
    }

    [Fact]
    public async Task A_secretary_from_another_company_is_409()
    {
        var id = await _org.Branch("standalone", await _org.Company());
        var outsider = await _org.Member(await _org.Company("天水市麦积区丙物业有限公司"));

        var response = await _org.Post($"/api/organization/branches/{id}/establishment", new { approvedOn = "2022-05-20", secretaryMemberId = outsider }, 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_standalone_branch_of_two_companies_is_400_naming_companyIds()
    {
        var response = await _org.Http.PostAsJsonAsync("/api/organization/branches",
            new { name = "红苑党支部", kind = "standalone", companyIds = new[] { await _org.Company(), await _org.Company() } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("companyIds", out _));
    }

    [Fact]
    public async Task Dissolving_a_branch_that_is_only_planned_is_409_and_a_stale_etag_is_412()
    {
        var id = await _org.Branch("standalone", await _org.Company());

        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/branches/{id}/status-changes", new { step = "dissolve", reason = "撤销" }, 1)).StatusCode);
        await _org.Change($"/api/organization/branches/{id}/status-changes", new { step = "startForming" }, 1);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _org.Post($"/api/organization/branches/{id}/status-changes", new { step = "startForming" }, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _org.Http.GetAsync($"/api/organization/branches/{Guid.CreateVersion7()}")).StatusCode);
    }

    [Fact]
    public async Task A_company_with_a_live_branch_cannot_be_planned_into_another_until_it_is_dissolved()
    {
        var company = await _org.Company();
        var secretary = await _org.Member(company, "吴书记");
        await _org.Member(company, "郑党员");
        await _org.Member(company, "冯党员");
        var first = await _org.Branch("standalone", company);

        var second = await _org.Http.PostAsJsonAsync("/api/organization/branches", new { name = "第二支部", kind = "joint", companyIds = new[] { company, await _org.Company() } });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var version = await _org.Change($"/api/organization/branches/{first}/establishment", new { approvedOn = "2022-05-20", secretaryMemberId = secretary }, 1);
        version = await _org.Change($"/api/organization/branches/{first}/status-changes", new { step = "dissolve", reason = "企业合并" }, version);
        var joint = await _org.Branch("joint", company, await _org.Company());
        Assert.Contains(company, (await _org.Get($"/api/organization/branches/{joint}")).GetProperty("companyIds").EnumerateArray().Select(c => c.GetGuid()));

        // The company now belongs to the joint branch: the dissolved one cannot be re-formed around it.
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/branches/{first}/status-changes", new { step = "reform" }, version)).StatusCode);
    }

    [Fact]
    public async Task Two_full_members_and_a_probationary_one_cannot_establish_a_standalone_branch()
    {
        var company = await _org.Company("天水市麦积区两人物业有限公司");
        var secretary = await _org.Member(company, "周书记");
        await _org.Member(company, "钱党员");
        await _org.Member(company, "孙预备", stage: "probationary", admittedOn: "2022-01-01");
        var id = await _org.Branch("standalone", company);

        var refused = await _org.Post($"/api/organization/branches/{id}/establishment", new { approvedOn = "2022-05-20", secretaryMemberId = secretary }, 1);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("at least 3 full members", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_existing_branch_is_recorded_and_a_secretary_who_leaves_shows_as_a_vacancy_until_replaced()
    {
        var company = await _org.Company("天水市麦积区老支部物业有限公司");
        var secretary = await _org.Member(company, "韩书记");
        var successor = await _org.Member(company, "杨党员");
        await _org.Member(company, "朱党员");
        var created = await _org.Http.PostAsJsonAsync("/api/organization/branches/existing",
            new { name = "天水市麦积区老支部物业有限公司党支部", kind = "standalone", companyIds = new[] { company }, approvedOn = "2019-07-01", secretaryMemberId = secretary });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var branch = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var details = await _org.Get($"/api/organization/branches/{branch}");
        Assert.Equal("established", details.GetProperty("status").GetString());
        Assert.Equal("2019-07-01", details.GetProperty("approvedOn").GetString());
        Assert.Equal("中共天水市麦积区物业行业委员会", details.GetProperty("parent").GetString());

        await _org.Change($"/api/organization/members/{secretary}/departure", new { reason = "调离" }, 1);
        var vacant = Row(await _org.Get("/api/organization/ledgers/organizations?pageSize=500"), branch);
        Assert.True(vacant.GetProperty("secretaryVacant").GetBoolean());
        Assert.Equal(JsonValueKind.Null, vacant.GetProperty("secretary").ValueKind);

        await _org.Change($"/api/organization/branches/{branch}/secretary", new { secretaryMemberId = successor, on = "2022-06-01" }, 2);
        var filled = Row(await _org.Get("/api/organization/ledgers/organizations?pageSize=500"), branch);
        Assert.False(filled.GetProperty("secretaryVacant").GetBoolean());
        Assert.Equal("杨党员", filled.GetProperty("secretary").GetString());
    }

    [Fact]
    public async Task Recording_an_existing_joint_branch_of_one_company_is_400_naming_companyIds()
    {
        var response = await _org.Http.PostAsJsonAsync("/api/organization/branches/existing",
            new { name = "联合党支部", kind = "joint", companyIds = new[] { await _org.Company() }, approvedOn = "2019-07-01", secretaryMemberId = Guid.CreateVersion7() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("companyIds", out _));
    }

    private static JsonElement Row(JsonElement page, Guid branch) =>
        page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("branchId").GetGuid() == branch);
}
