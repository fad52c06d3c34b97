using RedProperty.Overview.Figures;

namespace RedProperty.Overview;

/// <summary>Example bodies for the OpenAPI document, from the Maiji District report.</summary>
public static class ApiExamples
{
    private static readonly Guid Community = Guid.Parse("01a22400-0000-7000-8000-0000000000c1");
    private static readonly Guid Company = Guid.Parse("01a2240b-4f0d-7e2e-adad-f6ede970d118");

    public static void Add(OpenApiExamples examples) => examples
        .Add(new CommunityFigures(Community, "渭滨社区", 3, 1, 2, 6, 48, 9, 1_020, 1, 3, 2, 14, 2))
        .Add(new MonthFigures("2022-06", 41, 76, 5, 3))
        .Add(new ListedCompany(Company, "天水市麦积区红苑物业服务有限公司"));
}
