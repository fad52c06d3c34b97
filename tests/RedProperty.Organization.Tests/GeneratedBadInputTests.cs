using RedProperty.Testing;

namespace RedProperty.Organization.Tests;

/// <summary>Bad input generated from Organization's OpenAPI document (see <see cref="GeneratedBadInput"/>).</summary>
public sealed class GeneratedBadInputTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    [Fact]
    public async Task Malformed_and_extreme_input_to_every_endpoint_is_never_a_5xx_and_always_problem_json()
    {
        var company = await _org.Company("天水市麦积区生成测试物业有限公司");
        var ids = new Dictionary<string, Guid>
        {
            ["companies"] = company,
            ["members"] = await _org.Member(company),
            ["branches"] = await _org.Branch("standalone", company),
            ["instructors"] = await _org.Create("/api/organization/instructors", new { name = "王建国", source = "dispatchedByIndustry", appointedOn = "2022-01-10" }),
        };

        await new GeneratedBadInput(_org.Http, ids).AssertNoFailuresAsync();
    }
}
