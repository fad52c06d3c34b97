using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests;

/// <summary>Bad input generated from Organization's OpenAPI document (see <see cref="GeneratedBadInput"/>).</summary>
public sealed class GeneratedBadInputTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    [Fact]
    public async Task Malformed_and_extreme_input_to_every_endpoint_is_never_a_5xx_and_always_problem_json() =>
        await new GeneratedBadInput(_org.Http, await Ids("天水市麦积区生成测试物业有限公司")).AssertNoFailuresAsync();

    [Fact]
    public async Task Personal_data_typed_into_any_text_field_of_any_command_never_reaches_the_public_exchange() =>
        await PublicFeedCheck.NoPersonalDataReachesThePublicExchangeAsync(
            api.System.Broker.ConnectionUri, api.Host.Services.GetRequiredService<IDocumentStore>(), new GeneratedBadInput(_org.Http, await Ids("天水市麦积区个人信息测试物业有限公司")));

    private async Task<Dictionary<string, Guid>> Ids(string companyName)
    {
        var company = await _org.Company(companyName);
        return new Dictionary<string, Guid>
        {
            ["companies"] = company,
            ["members"] = await _org.Member(company),
            ["branches"] = await _org.Branch("standalone", company),
            ["instructors"] = await _org.Create("/api/organization/instructors", new { name = "王建国", source = "dispatchedByIndustry", appointedOn = "2022-01-10" }),
        };
    }
}
