using System.Collections.Concurrent;
using System.Diagnostics;
using RedProperty.Organization;
using RedProperty.Testing;

namespace RedProperty.EndToEnd.Tests;

/// <summary>What operators find in the dashboard's traces: requests, not the daemon's polling.</summary>
[Collection(EndToEnd.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task Background_polling_is_not_traced_and_a_requests_database_calls_are()
    {
        await using var system = await TestSystem.CreateAsync("tracing");
        var recorded = new ConcurrentQueue<Activity>();
        // Samples nothing itself, so what is recorded is what the service's own sampler decided.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Marten" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.Recorded)
                {
                    recorded.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        // HotCold, as deployed: leader election and the high-water mark poll every second.
        var organization = system.Start<OrganizationService>(("EventStore:DaemonMode", "HotCold")).CreateClient();
        await organization.RegisterCompany("天水市麦积区追踪过滤物业有限公司");
        await Task.Delay(TimeSpan.FromSeconds(4)); // the length of the observation, not a wait for a condition

        // Event pages the daemon processes are real work and stay; polls and stray connections go.
        var polling = recorded.Where(a => a.DisplayName is "marten.daemon.highwatermark"
                                          || (a.ParentSpanId == default && (a.Source.Name == "Npgsql" || a.DisplayName == "marten.connection"))).ToList();
        Assert.True(polling.Count == 0, $"background spans recorded: {string.Join(", ", polling.Select(a => a.DisplayName).Distinct())}");
        // The registration itself: the test identity's token requests are POSTs in this process too.
        var request = recorded.Single(a => a.Source.Name == "Microsoft.AspNetCore" && a.DisplayName.StartsWith("POST", StringComparison.Ordinal)
                                           && a.DisplayName.Contains("/companies", StringComparison.Ordinal));
        Assert.Contains(recorded, a => a.Source.Name == "Npgsql" && a.TraceId == request.TraceId);
    }
}
