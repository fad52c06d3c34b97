using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering;

/// <summary>Example requests for the OpenAPI document, from the Maiji District report.</summary>
public static class ApiExamples
{
    private static readonly Guid Community = Guid.Parse("01a22400-0000-7000-8000-0000000000c1");
    private static readonly Guid Estate = Guid.Parse("01a22400-0000-7000-8000-0000000000e1");
    private static readonly Guid Volunteer = Guid.Parse("01a22700-0000-7000-8000-0000000000b1");

    public static void Add(OpenApiExamples examples) => examples
        // 620599 is no county's code: a well-formed ID number that is nobody's.
        .Add(new RegisterVolunteer(VolunteerSource.GridWorker, "马晓红", Community, "620599199001011234", true, new DateOnly(2022, 3, 1), "13893800999"))
        .Add(new FormTeam(Community, "渭滨社区红色物业志愿服务队", Volunteer, new DateOnly(2022, 3, 5)))
        .Add(new JoinTeam(Volunteer, new DateOnly(2022, 3, 6)))
        .Add(new ScheduleActivity("stairwellAdverts", "清理楼道小广告", Estate, new DateTimeOffset(2022, 5, 14, 8, 30, 0, TimeSpan.FromHours(8)),
            new DateTimeOffset(2022, 5, 14, 11, 30, 0, TimeSpan.FromHours(8)), 20))
        .Add(new VolunteerAt(Volunteer, new DateTimeOffset(2022, 5, 14, 8, 25, 0, TimeSpan.FromHours(8))))
        .Add(new RecordActivityHeld(new DateOnly(2022, 5, 14), new Dictionary<string, int> { ["advertsRemoved"] = 46 }))
        .Add(new RegisterDispute(Community, ["张某", "李某"], "楼上漏水殃及楼下，双方就维修费用发生争执", DisputeSource.WalkIn))
        .Add(new TriageDispute(true, Note: "属邻里纠纷，受理调解"))
        .Add(new AssignMediators([Volunteer]))
        .Add(new RecordSession(new DateOnly(2022, 5, 20), 1.5m, "双方同意共同承担维修费用"))
        .Add(new ReachAgreement("楼上住户承担维修费用的六成，一周内完成维修", new DateOnly(2022, 5, 27), new DateOnly(2022, 5, 20)))
        .Add(new RecordReturnVisit(new DateOnly(2022, 5, 30), true, "已修复"))
        .Add(new CloseDispute(DisputeOutcome.Agreed, new DateOnly(2022, 5, 30)))
        .Add(new EscalateDispute("多次调解未果，提请社区党建联席会议研究"));
}
