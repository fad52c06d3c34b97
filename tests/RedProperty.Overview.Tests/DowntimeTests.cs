using System.Text.Json;
using RedProperty.Organization;

namespace RedProperty.Overview.Tests;

/// <summary>Overview down while events happen: its durable queue on the public feed keeps them, and the log catches up when it is back.</summary>
public sealed class DowntimeTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.CreateAsync("overview-downtime");

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Events_published_while_the_overview_is_down_are_in_its_log_once_it_is_back()
    {
        var first = _system.Start<OverviewService>();
        await first.ConsumersReadyAsync();
        await first.DisposeAsync(); // down: its queue stays bound to the public exchange

        var org = new OrganizationClient(_system.Start<OrganizationService>().CreateClient());
        var companies = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            companies.Add(await org.Company($"天水市麦积区停机测试{i + 1}物业服务有限公司"));
        }

        var back = _system.Start<OverviewService>();
        var integrator = new ApiClient(back.CreateClient().WithToken(await _system.Identity.TokenAsync(BuildingBlocks.Security.Roles.IntegrationClient)));
        List<string?> subjects = [];
        await Eventually.True(async () =>
        {
            var feed = await integrator.Get("/api/overview/feed?after=0&limit=1000");
            subjects = [.. feed.EnumerateArray().Where(e => e.GetProperty("type").GetString()!.EndsWith("property-company-registered.v1", StringComparison.Ordinal))
                .Select(e => e.GetProperty("subject").GetString())];
            return companies.All(c => subjects.Contains(c.ToString()));
        }, what: "the three companies in the log after the restart");

        Assert.Equal(3, subjects.Count); // each once
        Assert.Equal(JsonValueKind.Number, (await integrator.Get("/api/overview/figures")).GetProperty("position").ValueKind);
    }
}
