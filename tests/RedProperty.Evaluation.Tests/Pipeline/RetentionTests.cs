using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Hosting;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Pipeline;

/// <summary>The retention job, driven by a fake clock: expired records go, recent ones stay.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 7, 27, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly Guid _oldAudit = Guid.CreateVersion7();
    private TestSystem _system = null!;
    private ServiceHost<EvaluationService> _evaluation = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("retention");
        _evaluation = _system.Start<EvaluationService>(
            services => services.AddSingleton<TimeProvider>(_time),
            ("Idempotency:Retention", "1.00:00:00"),
            ("Messaging:InboxRetention", "14.00:00:00"),
            ("Retention:Interval", "01:00:00"));
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Expired_idempotency_and_inbox_records_are_purged_by_the_job_and_recent_ones_kept()
    {
        var now = _time.GetUtcNow();
        await using (var session = _evaluation.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(
                new IdempotencyRecord("POST /x|old", "hash", now - TimeSpan.FromDays(2), 201),
                new IdempotencyRecord("POST /x|new", "hash", now - TimeSpan.FromHours(1), 201));
            session.Store(
                new InboxRecord("Consumer/old", "PropertyCompanyRegistered", now - TimeSpan.FromDays(15)),
                new InboxRecord("Consumer/new", "PropertyCompanyRegistered", now - TimeSpan.FromDays(13)));
            // The audit trail is not housekeeping: kept at least 180 days (MLPS level 3), here forever.
            session.Store(new AuditRecord(_oldAudit, AuditKinds.Change, "dev-district-admin", "区管理员", ["district-admin"], "api keys",
                "POST /api/evaluation/api-keys", 201, "10.0.0.8", null, now - TimeSpan.FromDays(200)));
            await session.SaveChangesAsync();
        }

        // The next run of the hourly job.
        _time.Advance(TimeSpan.FromHours(1));

        await Eventually.True(async () => await Load<IdempotencyRecord>("POST /x|old") is null, what: "the expired idempotency record purged");
        await Eventually.True(async () => await Load<InboxRecord>("Consumer/old") is null, what: "the expired inbox record purged");
        Assert.NotNull(await Load<IdempotencyRecord>("POST /x|new"));
        Assert.NotNull(await Load<InboxRecord>("Consumer/new"));
        await using var query = _evaluation.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.NotNull(await query.LoadAsync<AuditRecord>(_oldAudit));
    }

    [Fact]
    public void An_inbox_kept_no_longer_than_the_redelivery_window_is_refused()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Messaging:InboxRetention"] = "00:30:00",
                ["Messaging:RedeliveryDelay"] = "00:10:00",
                ["Messaging:RedeliveryRounds"] = "3",
            })
            .Build();

        var refused = Assert.Throws<InvalidOperationException>(() => { RetentionSettings.From(configuration); });
        Assert.Contains("InboxRetention", refused.Message);
    }

    private async Task<T?> Load<T>(string id) where T : class
    {
        await using var session = _evaluation.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<T>(id);
    }
}
