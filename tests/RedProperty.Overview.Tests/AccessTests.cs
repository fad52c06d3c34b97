using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Overview.Tests;

/// <summary>Who may call what in Overview: the feed for integration clients, the public contract and figures for anyone; and generated bad input.</summary>
[Collection(OverviewCollection.Name)]
public sealed class AccessTests(OverviewFixture fixture)
{
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["GetFeed"] = [Roles.IntegrationClient],
        ["GetDistrictFigures"] = AccessMatrix.Anyone,
        ["ListSchemas"] = AccessMatrix.Anyone,
        ["GetSchema"] = AccessMatrix.Anyone,
        ["GetAsyncApi"] = AccessMatrix.Anyone,
        ["MoveBackErrors-overview"] = [],
        ["GetPersonalDataReads"] = [],
        ["GetAuditTrail"] = [Roles.Auditor],
    };

    [Fact]
    public Task Every_endpoint_answers_401_without_a_token_403_to_other_roles_and_serves_its_roles() =>
        AccessMatrix.AssertAsync(fixture.Overview, fixture.System.Identity, Expected);

    [Fact]
    public async Task Malformed_and_extreme_input_to_every_endpoint_is_never_a_5xx_and_always_problem_json()
    {
        // Few endpoints, all reads: fewer requests than a service with bodies, every one checked.
        var (requests, failures) = await new GeneratedBadInput(fixture.Overview.CreateClient(), new Dictionary<string, Guid>()).RunAsync();
        Assert.True(requests > 20, $"only {requests} requests were generated");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
