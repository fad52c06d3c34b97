using System.Text;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten.Subscriptions;
using RedProperty.Evaluation.Complaints;

namespace RedProperty.Evaluation.Hotline;

/// <summary>
/// Status changes of complaints that came from the 12345 hotline go back to it as signed HTTP callbacks
/// (<c>Hotline:CallbackUrl</c>, <c>Hotline:CallbackSecret</c>): a subscription queues one per change in the
/// store, and <see cref="DeliverHotlineCallbacks"/> posts them, retrying with backoff and dead-lettering
/// after <c>Hotline:CallbackAttempts</c>. Without a URL nothing is queued.
/// </summary>
public static class HotlineCallbacks
{
    public const string SubscriptionName = "hotline-callbacks";

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression SendHotlineCallbacks(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IHostApplicationBuilder builder)
    {
        if (Text.OrNull(builder.Configuration["Hotline:CallbackUrl"]) is not { } url)
        {
            return marten;
        }

        var target = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && builder.Environment.IsDevelopment()))
            ? uri
            : throw new InvalidOperationException("Hotline:CallbackUrl must be an absolute https URL (http only in Development).");
        var secret = Text.OrNull(builder.Configuration["Hotline:CallbackSecret"]) is { Length: >= 32 } value
            ? Encoding.UTF8.GetBytes(value)
            : throw new InvalidOperationException("Hotline:CallbackSecret must be set, at least 32 characters, when Hotline:CallbackUrl is.");
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; the one way to opt a client out of the defaults
        builder.Services.AddHttpClient<HotlineCallbackSender>(http =>
        {
            http.BaseAddress = target;
            http.Timeout = TimeSpan.FromSeconds(30);
        }).RemoveAllResilienceHandlers(); // retried here over hours, with backoff; the standard handler's retries would hold a pass
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton(new HotlineCallbackSettings(target, secret, builder.Configuration.GetValue("Hotline:CallbackAttempts", 8)));
        builder.Services.AddHostedService<DeliverHotlineCallbacks>();
        return marten.AddSubscriptionWithServices<HotlineCallbackSubscription>(ServiceLifetime.Singleton, options =>
        {
            options.Name = SubscriptionName;
            // A first start over years of complaints calls back nothing from before it.
            options.Options.SubscribeFromPresent();
            foreach (var type in HotlineCallback.Events)
            {
                options.IncludeType(type);
            }
        });
    }
}

public sealed record HotlineCallbackSettings(Uri Url, byte[] Secret, int MaxAttempts);

/// <summary>Queues a callback for each change of a hotline complaint, in the page's transaction (so none is lost or queued twice).</summary>
public sealed class HotlineCallbackSubscription(TimeProvider time) : SubscriptionBase
{
    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // One read for the page's complaints: their work orders never change.
        var hotline = (await operations.LoadManyAsync<ComplaintDetails>(cancellationToken, page.Events.Select(e => e.StreamId).Distinct()))
            .Where(c => c.WorkOrder is { Source: ComplaintSource.Hotline })
            .ToDictionary(c => c.Id, c => c.WorkOrder!.Number);
        var now = time.GetUtcNow();
        foreach (var e in page.Events)
        {
            if (hotline.TryGetValue(e.StreamId, out var workOrder) && HotlineCallback.UpdateFor(e, workOrder) is { } update)
            {
                operations.Store(new HotlineCallback(e.Id, update, now) { NextAttemptAt = now });
            }
        }

        return NullChangeListener.Instance;
    }
}

/// <summary>Posts one update, signed; the error when the hotline did not take it.</summary>
public sealed class HotlineCallbackSender(HttpClient http, HotlineCallbackSettings settings, TimeProvider time)
{
    public async Task<string?> SendAsync(HotlineStatusUpdate update, CancellationToken cancellationToken)
    {
        var body = HotlineSignature.Body(update);
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(HotlineSignature.Header, HotlineSignature.Sign(settings.Secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.Add(HotlineSignature.DeliveryHeader, update.Id.ToString());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }
}

/// <summary>
/// Delivers the queued callbacks that are due, every <c>Hotline:CallbackCheckEvery</c> (10 s), one pass at a time
/// across instances. A work order's updates go in order: after one fails, its later ones wait for the next pass.
/// A failed one is tried again after 1, 2, 4 … minutes (at most 6 h); after <c>Hotline:CallbackAttempts</c> (8) it is
/// dead-lettered, listed for operators and sent again on request.
/// </summary>
public sealed class DeliverHotlineCallbacks(
    IDocumentStore store, HotlineCallbackSender sender, HotlineCallbackSettings settings, TimeProvider time, IConfiguration configuration,
    ILogger<DeliverHotlineCallbacks> logger) : ExclusivePeriodicJob(store, time, logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval { get; } = configuration.GetValue("Hotline:CallbackCheckEvery", TimeSpan.FromSeconds(10));

    protected override string Work => "Delivering callbacks to the 12345 hotline";

    protected override async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await DeliverDueAsync(Store, sender, settings, now, logger, cancellationToken);

    /// <summary>One pass; returns how many were delivered.</summary>
    public static async Task<int> DeliverDueAsync(
        IDocumentStore store, HotlineCallbackSender sender, HotlineCallbackSettings settings, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var due = await session.Query<HotlineCallback>()
            .Where(c => !c.DeadLettered && c.NextAttemptAt <= now)
            .OrderBy(c => c.NextAttemptAt).Take(Batch)
            .ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var workOrder in due.GroupBy(c => c.Update.ComplaintId))
        {
            foreach (var callback in workOrder.OrderBy(c => c.Update.Sequence))
            {
                if (await sender.SendAsync(callback.Update, cancellationToken) is not { } error)
                {
                    session.Delete(callback);
                    delivered++;
                    continue;
                }

                var attempts = callback.Attempts + 1;
                var dead = attempts >= settings.MaxAttempts;
                session.Store(callback with
                {
                    Attempts = attempts,
                    LastError = error,
                    DeadLettered = dead,
                    NextAttemptAt = now + TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, attempts - 1))),
                });
                logger.Log(dead ? LogLevel.Error : LogLevel.Warning,
                    "Callback {CallbackId} ({Status}) to the hotline failed on attempt {Attempt}: {Error}{DeadLettered}",
                    callback.Id, callback.Update.Status, attempts, error, dead ? "; dead-lettered" : "");
                break;
            }
        }

        await session.SaveChangesAsync(cancellationToken);
        return delivered;
    }
}
