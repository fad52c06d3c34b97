using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Inspections;
using RedProperty.Evaluation.Periods;
using RedProperty.Evaluation.Projects;
using RedProperty.Evaluation.Rectifications;

namespace RedProperty.Evaluation;

/// <summary>Example requests for the OpenAPI document, from the Maiji District report.</summary>
public static class ApiExamples
{
    private static readonly Guid Estate = Guid.Parse("01a22400-0000-7000-8000-0000000000e1");
    private static readonly Guid Company = Guid.Parse("01a2240b-4f0d-7e2e-adad-f6ede970d118");
    private static readonly Guid Complaint = Guid.Parse("01a22500-0000-7000-8000-0000000000f1");

    public static void Add(OpenApiExamples examples) => examples
        .Add(new FileComplaint("sanitation", "3号楼2单元楼道垃圾堆放一周无人清运，气味很大", Estate,
            Complainant: new Complainant("王建国", "13893800123", null, "ios-3f9a"), Attributes: new Dictionary<string, string> { ["area"] = "stairwell" },
            WorkOrder: new WorkOrder("GD2022041500123", Category: "城乡建设/物业管理/环境卫生")))
        .Add(new AcceptComplaint(Note: "社区核实属实"))
        .Add(new RuleOutComplaint(Ruling.Duplicate, "与前一投诉为同一问题", Complaint))
        .Add(new AssignComplaint(Company))
        .Add(new RespondToComplaint("已安排保洁员当日清运，并在楼道张贴提示"))
        .Add(new ResolveComplaint("社区现场核实已清运"))
        .Add(new ReopenComplaint("居民反映次日又堆满"))
        .Add(new RateSatisfaction(4, "比较满意"))
        .Add(new CloseComplaint("回访满意，结案"))
        .Add(new ApiKeys.IssueApiKey("麦积区12345政务服务便民热线", 600))
        .Add(new RecordInspection(Estate, new DateOnly(2022, 5, 30),
            [new Finding("fire.passage", 5, "3号楼消防通道堆放电动车", ["https://img.example.cn/inspections/fire-1.jpg"], Serious: true),
             new Finding("sanitation.stairwell", 2, "楼道有小广告")], "区住建服务中心 张强"))
        .Add(new OrderRectification(Company, "业主投诉集中，限期整改", new DateOnly(2022, 8, 4)))
        .Add(new ReportRectification("已清理消防通道，增设禁止堆放标识，建立每日巡查台账"))
        .Add(new RegisterProject(ProjectKind.ParkingSpaces, "锦绣花园新增停车位", Estate, new DateOnly(2022, 3, 1), 320, 48))
        .Add(new CompleteProject(new DateOnly(2022, 6, 20), 320, 50))
        .Add(new ClosePeriod(new DateOnly(2022, 7, 5)))
        .Add(new FileObjection(Company, "其中两件投诉为供热问题，不属物业服务范围", [Complaint]))
        .Add(new RuleObjection(true, "经核实属实，予以扣除"));
}
