using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Members;

public sealed class MembersApiTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    private static async Task<string> ProblemField(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        return string.Join(",", errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_developed_member_goes_from_applicant_to_full_member_over_http()
    {
        var company = await _org.Company();
        var id = await _org.Member(company, "王建国", via: "developed", stage: "applicant", admittedOn: null);
        var path = $"/api/organization/members/{id}/development-stages";

        var version = await _org.Change(path, new { stage = "activist", on = "2021-01-10" }, 1);
        version = await _org.Change(path, new { stage = "developmentCandidate", on = "2021-03-01" }, version);
        version = await _org.Change(path, new { stage = "probationary", on = "2021-06-01", sponsors = new[] { "张书记", "刘委员" } }, version);
        version = await _org.Change(path, new { stage = "full", on = "2022-06-01" }, version);

        var member = await _org.Get($"/api/organization/members/{id}");
        Assert.Equal("full", member.GetProperty("stage").GetString());
        Assert.Equal("2021-06-01", member.GetProperty("admittedOn").GetString());
        var admission = member.GetProperty("development")[2];
        Assert.Equal(("probationary", "刘委员"), (admission.GetProperty("stage").GetString(), admission.GetProperty("sponsors")[1].GetString()));
        Assert.Equal(5, version);
    }

    [Fact]
    public async Task Full_membership_before_a_year_of_probation_is_409_with_the_reason()
    {
        var id = await _org.Member(await _org.Company(), stage: "probationary", admittedOn: "2022-03-01");

        var response = await _org.Post($"/api/organization/members/{id}/development-stages", new { stage = "full", on = "2022-12-01" }, 1);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("2023-03-01", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Admission_without_two_sponsors_is_400_naming_sponsors()
    {
        var id = await _org.Member(await _org.Company(), via: "developed", stage: "applicant", admittedOn: null);
        Assert.Equal("sponsors", await ProblemField(
            await _org.Post($"/api/organization/members/{id}/development-stages", new { stage = "probationary", on = "2022-01-01", sponsors = new[] { "张书记" } }, 1)));
    }

    [Fact]
    public async Task A_member_of_an_unknown_company_is_400_naming_companyId() =>
        Assert.Equal("companyId", await ProblemField(await _org.Http.PostAsJsonAsync("/api/organization/members",
            new { companyId = Guid.CreateVersion7(), name = "李红梅", position = "经理", via = "hired", stage = "full", admittedOn = "2010-07-01", companyRole = "staff", nationalId = NationalIds.Next() })));

    [Fact]
    public async Task An_unknown_way_of_joining_is_400_naming_via() =>
        Assert.Equal("via", await ProblemField(await _org.Http.PostAsJsonAsync("/api/organization/members",
            new { companyId = await _org.Company(), name = "李红梅", position = "经理", via = "bought", stage = "full", admittedOn = "2010-07-01", companyRole = "staff", nationalId = NationalIds.Next() })));

    [Fact]
    public async Task Transfers_and_departure_follow_the_rules_and_the_etag()
    {
        var id = await _org.Member(await _org.Company(), via: "hired");
        var transfers = $"/api/organization/members/{id}/relation-transfers";

        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post(transfers, new { direction = "out", on = "2022-01-01", counterpart = "秦州区" }, 1)).StatusCode);
        var version = await _org.Change(transfers, new { direction = "in", on = "2022-01-01", counterpart = "秦州区某社区党支部" }, 1);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _org.Post(transfers, new { direction = "out", on = "2022-02-01", counterpart = "甘谷县" }, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await _org.Post($"/api/organization/members/{id}/departure", new { reason = "调离" }, null)).StatusCode);

        await _org.Change($"/api/organization/members/{id}/departure", new { reason = "调往秦州区工作" }, version);
        var member = await _org.Get($"/api/organization/members/{id}");
        Assert.True(member.GetProperty("hasLeft").GetBoolean());
        Assert.True(member.GetProperty("relationTransferredIn").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/members/{id}/departure", new { reason = "再次" }, version + 1)).StatusCode);
    }

    [Fact]
    public async Task Unknown_members_are_404_to_read_and_to_change()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(HttpStatusCode.NotFound, (await _org.Http.GetAsync($"/api/organization/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _org.Post($"/api/organization/members/{id}/departure", new { reason = "离职" }, 1)).StatusCode);
    }

    [Fact]
    public async Task A_members_pledge_appears_on_the_public_board_and_an_applicant_cannot_pledge()
    {
        var company = await _org.Company("天水市麦积区承诺物业有限公司");
        var member = await _org.Member(company, "孙先锋");
        var applicant = await _org.Member(company, "周申请", via: "developed", stage: "applicant", admittedOn: null);
        var pledge = new { identity = "共产党员 孙先锋", standards = "服务热情、办事公道", commitments = "业主报修24小时内上门", publishedOn = "2022-07-01" };

        await _org.Change($"/api/organization/members/{member}/pledges", pledge, 1);
        var refused = await _org.Post($"/api/organization/members/{applicant}/pledges", pledge, 1);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var board = await _org.Get($"/api/organization/pledges?companyId={company}");
        var shown = Assert.Single(board.EnumerateArray());
        Assert.Equal(("孙先锋", "天水市麦积区承诺物业有限公司", "业主报修24小时内上门"),
            (shown.GetProperty("name").GetString(), shown.GetProperty("company").GetString(), shown.GetProperty("commitments").GetString()));
    }
}
