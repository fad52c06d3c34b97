using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RedProperty.Organization.Tests.Companies;

/// <summary>Internal structure and survey visits of a company, over HTTP.</summary>
public sealed class CompanyRecordsTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    private async Task<HttpResponseMessage> Put(Guid company, string what, object body, long version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/organization/companies/{company}/{what}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await _org.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_structure_and_surveys_are_kept_with_their_history()
    {
        var company = await _org.Company();
        var version = await _org.Change($"/api/organization/companies/{company}/surveys",
            new { on = "2022-03-15", surveyor = "区住建服务中心 张强", together = "市场监管局", partyMembersFound = 2, organizationExists = false, findings = "党员人数不足，拟联合建" }, 1);
        var structure = await Put(company, "structure", new { employees = 86, departments = new[] { new { name = "工程部", leader = "赵工", position = "部长" } } }, version);

        Assert.Equal(HttpStatusCode.OK, structure.StatusCode);
        var details = await _org.Get($"/api/organization/companies/{company}");
        Assert.Equal(86, details.GetProperty("employees").GetInt32());
        Assert.Equal("市场监管局", details.GetProperty("surveys")[0].GetProperty("together").GetString());
    }

    [Fact]
    public async Task A_survey_in_the_future_or_an_organisation_without_members_is_409()
    {
        var company = await _org.Company();
        var future = await _org.Post($"/api/organization/companies/{company}/surveys",
            new { on = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), surveyor = "张强", together = "道北街道", partyMembersFound = 1, organizationExists = false }, 1);
        var impossible = await _org.Post($"/api/organization/companies/{company}/surveys",
            new { on = "2022-03-15", surveyor = "张强", together = "道北街道", partyMembersFound = 0, organizationExists = true }, 1);

        Assert.Equal(HttpStatusCode.Conflict, future.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, impossible.StatusCode);
    }
}
