namespace RedProperty.Volunteering.Activities;

/// <summary>The activity types (<c>Activities:Types</c> replaces the default list) and the outcomes each records.</summary>
public sealed class ActivityTypes(IConfiguration configuration)
{
    public sealed record ActivityType(string Code, string Name, IReadOnlyList<string> Outcomes);

    public IReadOnlyList<ActivityType> All { get; } = configuration.GetSection("Activities:Types").Get<List<ActivityType>>() is { Count: > 0 } configured ? configured :
    [
        new("stairwellAdverts", "清理楼道小广告", ["advertsRemoved"]),
        new("clutterClearing", "清理楼道杂物", ["clutterLoads"]),
        new("greening", "绿化养护", ["squareMetres"]),
        new("elderlyCare", "关爱空巢老人", ["householdsVisited"]),
        new("safetyPatrol", "安全巡查", ["hazardsFound"]),
        new("policyPublicity", "政策宣传", ["residentsReached"]),
    ];

    public ActivityType? Find(string? code) => All.FirstOrDefault(t => t.Code == code);
}
