using RedProperty.Evaluation.Complaints;

namespace RedProperty.Evaluation;

/// <summary>Example requests for the OpenAPI document, from the Maiji District report.</summary>
public static class ApiExamples
{
    private static readonly Guid Estate = Guid.Parse("01a22400-0000-7000-8000-0000000000e1");
    private static readonly Guid Company = Guid.Parse("01a2240b-4f0d-7e2e-adad-f6ede970d118");
    private static readonly Guid Complaint = Guid.Parse("01a22500-0000-7000-8000-0000000000f1");

    public static void Add(OpenApiExamples examples) => examples
        .Add(new FileComplaint("sanitation", "3号楼2单元楼道垃圾堆放一周无人清运，气味很大", Estate,
            Complainant: new Complainant("王建国", "13893800123", null, "ios-3f9a"), Attributes: new Dictionary<string, string> { ["area"] = "stairwell" }))
        .Add(new AcceptComplaint(Note: "社区核实属实"))
        .Add(new RuleOutComplaint(Ruling.Duplicate, "与前一投诉为同一问题", Complaint))
        .Add(new AssignComplaint(Company))
        .Add(new RespondToComplaint("已安排保洁员当日清运，并在楼道张贴提示"))
        .Add(new ResolveComplaint("社区现场核实已清运"))
        .Add(new ReopenComplaint("居民反映次日又堆满"))
        .Add(new RateSatisfaction(4, "比较满意"))
        .Add(new CloseComplaint("回访满意，结案"))
        .Add(new ApiKeys.IssueApiKey("麦积区12345政务服务便民热线", 600));
}
