using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Companies;

/// <summary>Fails the save that records the response, once: the moment a crash would leave a key behind.</summary>
public sealed class FailRecordingTheResponseOnce : DocumentSessionListenerBase
{
    private int _failures;

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token) =>
        session.PendingChanges.UpdatesFor<IdempotencyRecord>().Any() && Interlocked.Increment(ref _failures) == 1
            ? throw new IOException("injected: the process died before the response was recorded")
            : Task.CompletedTask;
}

/// <summary>An idempotent POST that fails half-way leaves neither a resource nor a stuck key.</summary>
public sealed class IdempotencyFaultTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("idempotency-fault");
        _client = _system.Start<OrganizationService>(services =>
            services.ConfigureMarten(o => o.Listeners.Add(new FailRecordingTheResponseOnce()))).CreateClient();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_failure_after_the_resource_was_saved_but_before_the_response_was_recorded_leaves_the_key_free()
    {
        var key = $"fault-{Guid.NewGuid():N}";
        var creditCode = CreditCodes.Next();
        var body = new { name = "天水市麦积区故障恢复物业有限公司", creditCode, address = "甘肃省天水市麦积区花牛镇" };

        var failed = await Post(key, body);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);

        // The retry is not "in progress" and not a duplicate credit code: the first attempt left nothing.
        var retried = await Post(key, body);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var replayed = await Post(key, body);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues(Idempotency.ReplayedHeaderName).Single());
        Assert.Equal(retried.Headers.Location, replayed.Headers.Location);
    }

    [Fact]
    public async Task An_empty_idempotency_key_is_no_key_and_the_resource_is_kept()
    {
        var body = new { name = "天水市麦积区空键物业有限公司", creditCode = CreditCodes.Next(), address = "甘肃省天水市麦积区中滩镇" };

        var created = await Post("", body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(created.Headers.Location)).StatusCode);
    }

    private async Task<HttpResponseMessage> Post(string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organization/companies") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation(Idempotency.HeaderName, key);
        return await _client.SendAsync(request);
    }
}
