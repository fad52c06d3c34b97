namespace RedProperty.Evaluation.Inspections;

public sealed record ChecklistItem(string Code, string Description, decimal Points);

public sealed record ChecklistCategory(string Code, string Name, IReadOnlyList<ChecklistItem> Items)
{
    public decimal Points => Items.Sum(i => i.Points);
}

/// <summary>
/// What a spot inspection (现场抽查) checks, item by item with its points: <c>Inspections:Checklist</c>
/// in configuration replaces the default below (8 categories, 100 points, after the common property
/// service standards). An inspection passes with <c>Inspections:PassMark</c> (60) and no serious finding.
/// </summary>
public sealed class InspectionChecklist
{
    private readonly Dictionary<string, (ChecklistCategory Category, ChecklistItem Item)> _items;

    public InspectionChecklist(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Inspections:Checklist").Get<List<ChecklistCategory>>();
        Categories = configured is { Count: > 0 } ? configured : Default;
        _items = Categories.SelectMany(c => c.Items.Select(i => (c, i))).ToDictionary(x => x.i.Code, StringComparer.Ordinal);
        PassMark = configuration.GetValue("Inspections:PassMark", 60m);
    }

    public IReadOnlyList<ChecklistCategory> Categories { get; }

    public decimal MaxScore => Categories.Sum(c => c.Points);

    public decimal PassMark { get; }

    public (ChecklistCategory Category, ChecklistItem Item)? Find(string? code) => code is not null && _items.TryGetValue(code, out var found) ? found : null;

    public static readonly IReadOnlyList<ChecklistCategory> Default =
    [
        new("management", "综合管理", [
            new("management.records", "物业服务合同、收费公示、服务台账齐全", 5),
            new("management.service-desk", "服务中心有人值守，报修投诉及时登记处理", 5),
            new("management.staff", "人员持证上岗、着装统一、服务规范", 5)]),
        new("building", "房屋及共用部位", [
            new("building.facade", "外墙、屋面无渗漏、无破损", 5),
            new("building.stairwell", "楼道、单元门完好，无乱搭乱建", 5),
            new("building.signs", "标识标牌齐全清晰", 5)]),
        new("facilities", "共用设施设备", [
            new("facilities.lift", "电梯运行正常，年检合格，维保记录齐全", 6),
            new("facilities.water-power", "二次供水、供配电设施运行正常", 5),
            new("facilities.lighting", "公共照明完好", 4)]),
        new("security", "秩序维护", [
            new("security.gate", "门岗值守、外来人员车辆登记", 5),
            new("security.patrol", "定时巡逻，有巡查记录", 5),
            new("security.cctv", "监控、门禁等安防设施完好运行", 5)]),
        new("sanitation", "环境卫生", [
            new("sanitation.stairwell", "楼道整洁，无堆放杂物、无小广告", 5),
            new("sanitation.yard", "道路、院落清扫及时，无积存垃圾", 5),
            new("sanitation.waste", "垃圾分类收集、日产日清", 5)]),
        new("greening", "绿化养护", [
            new("greening.care", "绿地养护及时，无枯死、无黄土裸露", 5),
            new("greening.intact", "无毁绿、占绿", 5)]),
        new("fire", "消防安全", [
            new("fire.passage", "消防通道畅通，无占堵", 5),
            new("fire.equipment", "消防设施器材完好有效", 5)]),
        new("party", "党建引领（红色物业）", [
            new("party.pledge", "党员亮身份、亮标准、亮承诺，责任区和先锋岗公示", 3),
            new("party.joint", "参加社区党建联席会议，落实议定事项", 2)]),
    ];
}
