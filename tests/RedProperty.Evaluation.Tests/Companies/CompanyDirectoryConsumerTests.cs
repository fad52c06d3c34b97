using System.Net;
using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks;
using RedProperty.Evaluation.Companies;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Tests.Companies;

/// <summary>Evaluation on its own database and virtual host, with counters on its bus.</summary>
public sealed class EvaluationFixture : IAsyncLifetime
{
    public const int RetryLimit = 2;

    public const int RedeliveryRounds = 1;

    public TestSystem System { get; private set; } = null!;

    public ServiceHost<EvaluationService> Evaluation { get; private set; } = null!;

    public ConsumedMessages<V1.PropertyCompanyRegistered> Registered { get; } = new();

    public ConsumedMessages<V1.PropertyCompanyUpdated> Updated { get; } = new();

    public async Task InitializeAsync()
    {
        System = await TestSystem.CreateAsync("evaluation-consumers");
        Evaluation = System.Start<EvaluationService>(
            ("Messaging:RetryLimit", RetryLimit.ToString()),
            ("Messaging:RedeliveryDelay", "00:00:01"),
            ("Messaging:RedeliveryRounds", RedeliveryRounds.ToString()));
        var bus = Evaluation.Services.GetRequiredService<IBus>();
        bus.ConnectConsumeMessageObserver(Registered);
        bus.ConnectConsumeMessageObserver(Updated);
        await Evaluation.ConsumersReadyAsync();
    }

    public async Task DisposeAsync() => await System.DisposeAsync();
}

/// <summary>Evaluation's consumers on a real broker and database: inbox, retries, error queue.</summary>
public sealed class CompanyDirectoryConsumerTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    private const int RetryLimit = EvaluationFixture.RetryLimit;
    private readonly TestSystem _system = fixture.System;
    private readonly ServiceHost<EvaluationService> _evaluation = fixture.Evaluation;
    private readonly ConsumedMessages<V1.PropertyCompanyRegistered> _registered = fixture.Registered;
    private readonly ConsumedMessages<V1.PropertyCompanyUpdated> _updated = fixture.Updated;

    private static V1.PropertyCompanyRegistered Registration(string name = "天水市麦积区康居物业管理有限公司") =>
        new(Guid.CreateVersion7(), name, CreditCodes.Next(), "甘肃省天水市麦积区北道埠", DateTimeOffset.UtcNow);

    private Task Publish<T>(T message, Guid messageId) where T : class =>
        _evaluation.Services.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId);

    private async Task<CompanyDirectoryEntry?> Entry(Guid companyId)
    {
        await using var session = _evaluation.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<CompanyDirectoryEntry>(companyId);
    }

    private async Task<int> InboxRecords(Guid messageId)
    {
        await using var session = _evaluation.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var suffix = $"/{messageId:N}";
        return await session.Query<InboxRecord>().CountAsync(r => r.Id.EndsWith(suffix));
    }

    [Fact]
    public async Task A_registration_fills_the_directory_served_over_http()
    {
        var registration = Registration();
        await Publish(registration, Guid.NewGuid());

        var client = _evaluation.CreateClient();
        var company = await Eventually.Get(async () =>
        {
            var response = await client.GetAsync($"/api/evaluation/companies/{registration.CompanyId}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<CompanyDirectoryEntry>() : null;
        }, what: "the company in the directory");

        Assert.Equal(registration.Name, company.Name);
        Assert.Equal(registration.CreditCode, company.CreditCode);
    }

    [Fact]
    public async Task A_message_published_again_with_its_id_has_no_second_effect()
    {
        var registration = Registration();
        var messageId = Guid.NewGuid();
        await Publish(registration, messageId);
        await Eventually.Get(() => Entry(registration.CompanyId), what: "the first delivery");

        // Remove the effect, then deliver the same message again: only the inbox can stop it coming back.
        await using (var session = _evaluation.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Delete<CompanyDirectoryEntry>(registration.CompanyId);
            await session.SaveChangesAsync();
        }

        await Publish(registration, messageId);
        await Eventually.True(() => Task.FromResult(_registered.Count(messageId) == 2), what: "the second delivery");

        Assert.Null(await Entry(registration.CompanyId));
        Assert.Equal(1, await InboxRecords(messageId));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_redelivered_later_then_parked_in_the_error_queue()
    {
        var poison = Registration(name: "");
        var messageId = Guid.NewGuid();
        await Publish(poison, messageId);

        const string errorQueue = "evaluation-property-company-registered_error";
        var parked = await Eventually.Get(async () =>
            (await _system.Broker.PeekAsync(errorQueue)).FirstOrDefault(m => m.Payload.Contains(messageId.ToString())),
            what: "the poison message in the error queue");

        Assert.Equal(RetryLimit, parked.Headers["MT-Fault-RetryCount"].GetInt32());
        // It went round the delay queue once before giving up.
        Assert.Equal(EvaluationFixture.RedeliveryRounds, parked.Headers[DelayedRedeliveryFilter<V1.PropertyCompanyRegistered>.RoundHeader].GetInt32());
        Assert.Contains("InvalidDataException", parked.Headers["MT-Fault-ExceptionType"].GetString());
        Assert.Null(await Entry(poison.CompanyId));
        Assert.Equal(0, await InboxRecords(messageId));
    }

    [Fact]
    public async Task An_update_never_steps_back_to_an_older_version()
    {
        var registration = Registration();
        await Publish(registration, Guid.NewGuid());
        await Eventually.Get(() => Entry(registration.CompanyId), what: "the registration");

        var newer = new V1.PropertyCompanyUpdated(registration.CompanyId, "天水康居物业（第三版）", "麦积区", 3, DateTimeOffset.UtcNow);
        var older = new V1.PropertyCompanyUpdated(registration.CompanyId, "天水康居物业（第二版）", "麦积区", 2, DateTimeOffset.UtcNow);
        var olderId = Guid.NewGuid();
        await Publish(newer, Guid.NewGuid());
        await Eventually.True(async () => (await Entry(registration.CompanyId))?.SourceVersion == 3, what: "version 3");
        await Publish(older, olderId);
        await Eventually.True(() => Task.FromResult(_updated.Count(olderId) == 1), what: "the older update");

        Assert.Equal("天水康居物业（第三版）", (await Entry(registration.CompanyId))!.Name);
    }

    [Fact]
    public async Task An_update_that_overtakes_its_registration_is_applied_when_the_registration_arrives()
    {
        var registration = Registration("天水市麦积区先到更新物业有限公司");
        var update = new V1.PropertyCompanyUpdated(registration.CompanyId, "天水市麦积区后改名物业有限公司", "麦积区桥南街道", 2, DateTimeOffset.UtcNow);
        var updateId = Guid.NewGuid();
        await Publish(update, updateId);
        await Eventually.True(() => Task.FromResult(_updated.Count(updateId) == 1), what: "the early update");

        // Not served until registered, and not parked in the error queue either.
        var client = _evaluation.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/evaluation/companies/{registration.CompanyId}")).StatusCode);
        Assert.DoesNotContain(await _system.Broker.PeekAsync("evaluation-property-company-updated_error"), m => m.Payload.Contains(updateId.ToString()));

        await Publish(registration, Guid.NewGuid());
        var entry = await Eventually.Get(async () => await Entry(registration.CompanyId) is { Registered: true } e ? e : null, what: "the registration");
        Assert.Equal("天水市麦积区后改名物业有限公司", entry.Name);
        Assert.Equal(registration.CreditCode, entry.CreditCode);
        Assert.Equal(2, entry.SourceVersion);
    }
}
