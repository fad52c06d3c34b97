namespace RedProperty.Evaluation.Complaints;

/// <summary>A value of a list attribute (Open311 <c>values</c>).</summary>
public sealed record AttributeValue(string Key, string Name);

/// <summary>A question asked with a category (Open311 service definition attribute).</summary>
/// <param name="Datatype"><c>string</c>, <c>number</c>, <c>datetime</c>, <c>text</c>, <c>singlevaluelist</c> or <c>multivaluelist</c>.</param>
public sealed record CategoryAttribute(string Code, string Datatype, bool Required, string Description, int Order, IReadOnlyList<AttributeValue>? Values = null);

/// <summary>A complaint category (Open311 service): stairwell cleaning, repairs, parking …</summary>
public sealed record ComplaintCategory(string Code, string Name, string Description, string Group, IReadOnlyList<string> Keywords, IReadOnlyList<CategoryAttribute> Attributes)
{
    public bool HasAttributes => Attributes.Count > 0;
}

/// <summary>
/// The categories complaints are filed under: <c>Complaints:Categories</c> in configuration replaces
/// the default list below (what Maiji's owners complain about most, after the article).
/// </summary>
public sealed class ComplaintCategories
{
    private readonly Dictionary<string, ComplaintCategory> _byCode;

    public ComplaintCategories(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Complaints:Categories").Get<List<ComplaintCategory>>();
        All = configured is { Count: > 0 } ? configured : Default;
        _byCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<ComplaintCategory> All { get; }

    public ComplaintCategory? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var category) ? category : null;

    private static readonly AttributeValue[] Floors = [new("stairwell", "楼道"), new("lift", "电梯"), new("roof", "屋顶"), new("basement", "地下室")];

    public static readonly IReadOnlyList<ComplaintCategory> Default =
    [
        new("sanitation", "环境卫生", "楼道、公共区域卫生不到位，垃圾清运不及时", "环境", ["卫生", "垃圾", "楼道"],
            [new("area", "singlevaluelist", false, "哪里不干净", 1, [new("stairwell", "楼道"), new("yard", "院落"), new("bins", "垃圾桶站")])]),
        new("clutter", "楼道杂物与小广告", "楼道堆放杂物、张贴小广告", "环境", ["杂物", "小广告"], []),
        new("repairs", "设施设备维修", "水、电、电梯、门禁等公共设施设备报修不及时", "设施", ["维修", "电梯", "水电"],
            [
                new("facility", "singlevaluelist", true, "哪类设施", 1,
                    [new("water", "供水"), new("power", "供电"), new("lift", "电梯"), new("door", "门禁"), new("fire", "消防设施")]),
                new("location", "singlevaluelist", false, "位置", 2, Floors),
            ]),
        new("security", "秩序维护与安全", "门岗、巡逻、消防通道与安防设施", "安全", ["安全", "门岗", "消防"], []),
        new("greening", "绿化养护", "绿地养护不到位、毁绿", "环境", ["绿化"], []),
        new("parking", "停车管理", "乱停车、车位不足、收费不明", "秩序", ["停车", "车位"], []),
        new("fees", "收费问题", "物业费、公摊费用不公开或不合理", "收费", ["物业费", "收费"], []),
        new("attitude", "服务态度", "物业人员服务态度差、推诿", "服务", ["态度"], []),
        new("other", "其他", "其他物业服务问题", "其他", [], []),
    ];
}
