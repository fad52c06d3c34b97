using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RedProperty.Organization.Tests.Companies;

/// <summary>Estates, internal structure and survey visits of a company, over HTTP.</summary>
public sealed class CompanyRecordsTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    private async Task<HttpResponseMessage> Put(Guid company, string what, object body, long version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/organization/companies/{company}/{what}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await _org.Http.SendAsync(request);
    }

    private static object Estates => new
    {
        estates = new[]
        {
            new { name = "锦绣花园", community = "道北街道渭滨社区", households = 820 },
            new { name = "新华小区", community = "道北街道新华社区", households = 356 },
        },
    };

    [Fact]
    public async Task Estates_are_recorded_once_and_repeating_them_changes_nothing()
    {
        var company = await _org.Company();

        var first = await Put(company, "estates", Estates, 1);
        var again = await Put(company, "estates", Estates, 2);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        Assert.Equal("\"2\"", again.Headers.ETag?.Tag);
        var details = await _org.Get($"/api/organization/companies/{company}");
        Assert.Equal(1176, details.GetProperty("estates").EnumerateArray().Sum(e => e.GetProperty("households").GetInt32()));
    }

    [Fact]
    public async Task The_same_estate_twice_is_400_and_negative_households_name_the_field()
    {
        var company = await _org.Company();
        var twice = await Put(company, "estates", new { estates = new[] { new { name = "锦绣花园", community = "渭滨社区", households = 1 }, new { name = "锦绣花园", community = "渭滨社区", households = 2 } } }, 1);
        var negative = await Put(company, "estates", new { estates = new[] { new { name = "锦绣花园", community = "渭滨社区", households = -1 } } }, 1);

        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.True((await negative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("estates[0].households", out _));
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
