using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RedProperty.Consultation.Places;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Tests;

/// <summary>
/// Consultation on the real PostgreSQL and RabbitMQ, its clock under the tests' control, and
/// Organization's events published on the broker as Organization would: 渭滨社区 and 桥南社区, two
/// companies, an estate each.
/// </summary>
public sealed class ConsultationFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));

    public TestSystem System { get; private set; } = null!;

    public ServiceHost<ConsultationService> Host { get; private set; } = null!;

    public ApiClient Admin { get; private set; } = null!;

    public Guid Weibin { get; } = Guid.CreateVersion7();

    public Guid Qiaonan { get; } = Guid.CreateVersion7();

    public Guid Hongyuan { get; } = Guid.CreateVersion7();

    public Guid Jinxiu { get; } = Guid.CreateVersion7();

    public async Task InitializeAsync()
    {
        System = await TestSystem.CreateAsync("consultation");
        Host = System.Start<ConsultationService>(s => s.AddSingleton<TimeProvider>(Time), ("Actions:OverdueCheckEvery", "00:01:00"));
        await Host.ConsumersReadyAsync();
        Admin = new ApiClient(Host.CreateClient());

        var now = Time.GetUtcNow();
        await Publish(new V1.CommunityRegistered(Weibin, "渭滨社区", Guid.CreateVersion7(), now));
        await Publish(new V1.CommunityRegistered(Qiaonan, "桥南社区", Guid.CreateVersion7(), now));
        await Publish(new V1.PropertyCompanyRegistered(Hongyuan, "天水市麦积区红苑物业服务有限公司", "91620503MA72XKQJ3T", "麦积区", now));
        await Publish(new V1.PropertyCompanyRegistered(Jinxiu, "天水市麦积区锦绣物业服务有限公司", "91620503MA72XKQJ4R", "麦积区", now));
        var weibinEstate = Guid.CreateVersion7();
        await Publish(new V1.EstateRegistered(weibinEstate, "渭滨小区", Weibin, 640, now));
        await Publish(new V1.EstateServiceContracted(weibinEstate, Hongyuan, new DateOnly(2020, 1, 1), null, now));
        await Eventually.True(async () =>
        {
            await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.Query<CommunityEntry>().CountAsync() == 2 && await session.Query<CompanyEntry>().CountAsync() == 2
                && (await session.LoadAsync<EstateEntry>(weibinEstate))?.CommunityId == Weibin && (await session.LoadAsync<EstateEntry>(weibinEstate))!.CompanyIds.Count == 1;
        }, what: "the directory from Organization's events");
    }

    public async Task DisposeAsync() => await System.DisposeAsync();

    /// <summary>Moves the clock to <paramref name="when"/> unless another test already took it further (it never goes back).</summary>
    public void AdvanceTo(DateTimeOffset when)
    {
        if (when > Time.GetUtcNow())
        {
            Time.SetUtcNow(when);
        }
    }

    public Task Publish<T>(T message) where T : class => Host.Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>A party-member head of a company, as Organization publishes one; returns the member's id once Consultation knows it.</summary>
    public async Task<Guid> Head(string name, Guid company, string role = "generalManager")
    {
        var id = Guid.CreateVersion7();
        await Publish(new V1.PartyMemberJoinedCompany(id, company, name, "hired", "full", Time.GetUtcNow(), role));
        await Eventually.True(async () =>
        {
            await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return (await session.LoadAsync<PartyMemberEntry>(id))?.Name == name;
        }, what: $"party member {name}");
        return id;
    }

    public async Task<HttpClient> As(string role, string? community = null, Guid? company = null) =>
        Host.CreateClient().WithToken(await System.Identity.TokenAsync(role, community: community, company: company));
}
