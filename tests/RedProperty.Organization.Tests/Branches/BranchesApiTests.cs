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
        var first = await _org.Branch("standalone", company);

        var second = await _org.Http.PostAsJsonAsync("/api/organization/branches", new { name = "第二支部", kind = "joint", companyIds = new[] { company, await _org.Company() } });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);

        var version = await _org.Change($"/api/organization/branches/{first}/establishment", new { approvedOn = "2022-05-20", secretaryMemberId = secretary }, 1);
        version = await _org.Change($"/api/organization/branches/{first}/status-changes", new { step = "dissolve", reason = "企业合并" }, version);
        Assert.NotEqual(Guid.Empty, await _org.Branch("joint", company, await _org.Company()));

        // The company now belongs to the joint branch: the dissolved one cannot be re-formed around it.
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/branches/{first}/status-changes", new { step = "reform" }, version)).StatusCode);
    }
}
