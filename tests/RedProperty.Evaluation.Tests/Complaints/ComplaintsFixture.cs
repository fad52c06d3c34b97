using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.Places;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Complaints;

/// <summary>
/// Evaluation on the real PostgreSQL and RabbitMQ with its clock under the tests' control, and a
/// directory as Organization's events would leave it: 锦绣花园 (820 households, 北道埠社区) served by
/// 红苑物业, 桥南小区 (桥南社区) by 锦绣物业.
/// </summary>
public class ComplaintsFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8)));

    public TestSystem System { get; private set; } = null!;

    public ServiceHost<EvaluationService> Host { get; private set; } = null!;

    public ApiClient Admin { get; private set; } = null!;

    public Guid Hongyuan { get; } = Guid.CreateVersion7();

    public Guid JinxiuCompany { get; } = Guid.CreateVersion7();

    public Guid Beidaobu { get; } = Guid.CreateVersion7();

    public Guid Qiaonan { get; } = Guid.CreateVersion7();

    public Guid JinxiuGarden { get; } = Guid.CreateVersion7();

    public Guid QiaonanEstate { get; } = Guid.CreateVersion7();

    /// <summary>Settings of the service beyond the fixture's own.</summary>
    protected virtual IEnumerable<(string Key, string? Value)> Settings => [];

    public virtual async Task InitializeAsync()
    {
        System = await TestSystem.CreateAsync("evaluation-complaints");
        Host = System.Start<EvaluationService>(s => s.AddSingleton<TimeProvider>(Time), [("Complaints:OverdueCheckEvery", "00:01:00"), .. Settings]);
        Admin = new ApiClient(Host.CreateClient());
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(new CompanyDirectoryEntry(Hongyuan, "天水市麦积区红苑物业服务有限公司", "91620503MA72XKQJ3T", "麦积区道北街道", 1));
        session.Store(new CompanyDirectoryEntry(JinxiuCompany, "天水市麦积区锦绣物业服务有限公司", "91620503MA72XKQJ4R", "麦积区桥南街道", 1));
        session.Store(new CommunityDirectoryEntry(Beidaobu, "北道埠社区", Guid.CreateVersion7()));
        session.Store(new CommunityDirectoryEntry(Qiaonan, "桥南社区", Guid.CreateVersion7()));
        session.Store(new EstateDirectoryEntry(JinxiuGarden, "锦绣花园", Beidaobu, 820, [new EstateService(Hongyuan, new DateOnly(2020, 1, 1), null)], 1));
        session.Store(new EstateDirectoryEntry(QiaonanEstate, "桥南小区", Qiaonan, 460, [new EstateService(JinxiuCompany, new DateOnly(2020, 1, 1), null)], 1));
        await session.SaveChangesAsync();
    }

    public virtual async Task DisposeAsync() => await System.DisposeAsync();

    public async Task<HttpClient> As(string role, string? community = null, Guid? company = null) =>
        Host.CreateClient().WithToken(await System.Identity.TokenAsync(role, community: community, company: company));

    /// <summary>A complaint about 锦绣花园's stairwell, filed by the operators' API; returns its id.</summary>
    public Task<Guid> File(Guid? estate = null, string description = "3号楼2单元楼道垃圾堆放一周无人清运", string? deviceId = null) =>
        Admin.Create("/api/evaluation/complaints", new
        {
            serviceCode = "sanitation",
            description,
            estateId = estate ?? JinxiuGarden,
            complainant = new { name = "王建国", phone = "13893800123", email = "wangjg@example.cn", deviceId },
            attributes = new Dictionary<string, string> { ["area"] = "stairwell" },
        });

    public async Task<JsonElement> Complaint(Guid id) => await Admin.Get($"/api/evaluation/complaints/{id}");

    public static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
