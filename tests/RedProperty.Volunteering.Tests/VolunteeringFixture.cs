using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RedProperty.Testing;
using RedProperty.Volunteering.Places;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Tests;

/// <summary>
/// Volunteering on the real PostgreSQL and RabbitMQ, its clock under the tests' control, and
/// Organization's geography, a party member and an instructor published on the broker.
/// </summary>
public sealed class VolunteeringFixture : IAsyncLifetime
{
    private static int _idNumbers = 1000;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2022, 5, 14, 8, 0, 0, TimeSpan.FromHours(8)));

    public TestSystem System { get; private set; } = null!;

    public ServiceHost<VolunteeringService> Host { get; private set; } = null!;

    public ApiClient Admin { get; private set; } = null!;

    public Guid Weibin { get; } = Guid.CreateVersion7();

    public Guid Qiaonan { get; } = Guid.CreateVersion7();

    public Guid WeibinEstate { get; } = Guid.CreateVersion7();

    public Guid PartyMember { get; } = Guid.CreateVersion7();

    public Guid Instructor { get; } = Guid.CreateVersion7();

    public async Task InitializeAsync()
    {
        System = await TestSystem.CreateAsync("volunteering");
        Host = System.Start<VolunteeringService>(s => s.AddSingleton<TimeProvider>(Time), ("Disputes:OverdueCheckEvery", "00:01:00"));
        await Host.ConsumersReadyAsync();
        Admin = new ApiClient(Host.CreateClient());
        var bus = Host.Services.GetRequiredService<IBus>();
        var now = Time.GetUtcNow();
        await bus.Publish(new V1.CommunityRegistered(Weibin, "渭滨社区", Guid.CreateVersion7(), now));
        await bus.Publish(new V1.CommunityRegistered(Qiaonan, "桥南社区", Guid.CreateVersion7(), now));
        await bus.Publish(new V1.EstateRegistered(WeibinEstate, "渭滨小区", Weibin, 640, now));
        await bus.Publish(new V1.PartyMemberJoinedCompany(PartyMember, Guid.CreateVersion7(), "李红梅", "hired", "full", now, "staff"));
        await bus.Publish(new V1.InstructorAppointed(Instructor, "马指导员", "dispatchedByIndustry", new DateOnly(2022, 1, 10)));
        await Eventually.True(async () =>
        {
            await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.Query<CommunityEntry>().CountAsync() == 2 && await session.LoadAsync<EstateEntry>(WeibinEstate) is not null
                && await session.LoadAsync<PartyMemberEntry>(PartyMember) is not null && await session.LoadAsync<InstructorEntry>(Instructor) is not null;
        }, what: "the directory from Organization's events");
    }

    public async Task DisposeAsync() => await System.DisposeAsync();

    /// <summary>A valid-looking resident ID number, different each call.</summary>
    public static string NextIdNumber() => $"62050319900101{Interlocked.Increment(ref _idNumbers):D4}";

    public Task<Guid> Volunteer(string name, string source = "gridWorker", Guid? community = null) =>
        Admin.Create("/api/volunteering/volunteers", new
        {
            source,
            name,
            communityId = community ?? Weibin,
            idNumber = NextIdNumber(),
            consent = true,
            phone = "13893800999",
            partyMemberId = source == "partyMember" ? PartyMember : (Guid?)null,
        });

    public void AdvanceTo(DateTimeOffset when)
    {
        if (when > Time.GetUtcNow())
        {
            Time.SetUtcNow(when);
        }
    }
}
