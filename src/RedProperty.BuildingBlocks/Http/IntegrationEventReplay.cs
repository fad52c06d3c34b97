using System.Reflection;
using FluentValidation;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

using RedProperty.BuildingBlocks.Messaging;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// Re-publish this service's integration events of the given contracts, from a sequence or a time,
/// to one named subscriber queue (a late subscriber, a queue that was recreated, a read model
/// rebuilt), at most <see cref="Limit"/> events a call (page on with <c>lastSequence + 1</c>). They
/// go through this service's replay exchange <c>redproperty.{service}.replay</c> (direct, routing key
/// = the queue), which each subscriber's queues bind to, so the publisher needs no right on anyone's
/// queue and only the named queue receives them. The MessageIds are the stored events' ids as at
/// first publish, so an inbox drops what it applied within its retention (14 days by default):
/// within that window a replay has no second effect anywhere.
/// </summary>
public sealed record ReplayIntegrationEvents(string Queue, long? FromSequence, DateTimeOffset? FromTime, string[] Contracts, int? Limit);

public sealed record ReplayResult(string Queue, int Published, long LastSequence, bool More);

public sealed class ReplayIntegrationEventsValidator : AbstractValidator<ReplayIntegrationEvents>
{
    public ReplayIntegrationEventsValidator()
    {
        // A queue name as RabbitMQ allows it, without the characters MassTransit addresses reserve.
        RuleFor(r => r.Queue).NotEmpty().MaximumLength(255).Matches("^[A-Za-z0-9._:-]+$");
        RuleFor(r => r.FromSequence).GreaterThanOrEqualTo(0);
        RuleFor(r => r).Must(r => r.FromSequence is null || r.FromTime is null)
            .WithName("fromSequence").WithMessage("Give fromSequence or fromTime, not both.");
        // Required: a queue handles some contracts only; the rest would pile up in its _skipped queue.
        RuleFor(r => r.Contracts).NotEmpty().Must(c => c.Length <= 100).WithMessage("One to 100 contracts.");
        RuleForEach(r => r.Contracts).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Limit).InclusiveBetween(1, IntegrationEventReplay.MaxPerCall);
    }
}

public static class IntegrationEventReplay
{
    public const int MaxPerCall = 10_000;
    private const int PageSize = 500;

    /// <summary><c>POST {prefix}/integration-events/replay</c>.</summary>
    public static IEndpointRouteBuilder MapIntegrationEventReplay(this IEndpointRouteBuilder app, string prefix, string serviceName)
    {
        app.MapPost($"{prefix}/integration-events/replay", (ReplayIntegrationEvents request, IQuerySession session, IntegrationEventMap map,
                ISendEndpointProvider endpoints, IConfiguration configuration, CancellationToken cancellationToken) =>
                Handle(request, serviceName, session, map, endpoints, configuration, cancellationToken))
            .Validate<ReplayIntegrationEvents>()
            .WithTags("Operations")
            .ForRoles()
            .AuditsChanges("integration-event replay")
            .WithName("ReplayIntegrationEvents")
            .WithSummary("Re-publish integration events from a sequence or time to one subscriber queue (inboxes drop repeats)");
        return app;
    }

    public static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> Handle(
        ReplayIntegrationEvents request, string serviceName, IQuerySession session, IntegrationEventMap map, ISendEndpointProvider endpoints,
        IConfiguration configuration, CancellationToken cancellationToken)
    {
        // A queue that was bound and then deleted leaves its endpoint exchange, which parks rather than
        // returns: ask the broker whether the queue is there before sending anything.
        await using (var connection = await Broker.ConnectAsync(Broker.UriFrom(configuration), "redproperty-replay", cancellationToken))
        {
            if (!await Broker.QueueExistsAsync(connection, request.Queue, cancellationToken))
            {
                return NoSuchQueue(request.Queue, serviceName, 0);
            }
        }

        var wanted = request.Contracts.ToHashSet(StringComparer.Ordinal);
        var limit = request.Limit ?? MaxPerCall;
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"exchange:{ReplayExchange.Of(serviceName)}?type=direct"));
        var position = request.FromSequence is { } from ? from - 1 : -1;
        var published = 0;
        var last = position;
        while (published < limit)
        {
            var query = session.Events.QueryAllRawEvents().Where(e => e.Sequence > position);
            if (request.FromTime is { } since)
            {
                query = query.Where(e => e.Timestamp >= since);
            }

            var page = await query.OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var stored in page)
            {
                last = stored.Sequence;
                if (await map.ToContractAsync(stored, session) is not { } contract || !wanted.Contains(ContractName(contract)))
                {
                    continue;
                }

                try
                {
                    // In sequence order, each confirmed before the next: per-stream order as at first publish.
                    await endpoint.Send(contract, contract.GetType(), Pipe.Execute<SendContext>(send =>
                    {
                        send.MessageId = stored.Id;
                        send.SetRoutingKey(request.Queue);
                        if (send is RabbitMqSendContext rabbit)
                        {
                            rabbit.Mandatory = true; // no queue bound under that name: returned, not lost
                        }
                    }), cancellationToken);
                }
                catch (MessageReturnedException)
                {
                    return NoSuchQueue(request.Queue, serviceName, published);
                }

                if (++published == limit)
                {
                    break;
                }
            }

            position = last;
        }

        return TypedResults.Ok(new ReplayResult(request.Queue, published, Math.Max(last, 0), published == limit));
    }

    private static ProblemHttpResult NoSuchQueue(string queue, string serviceName, int published) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subscriber queue",
            detail: $"No queue named '{queue}' exists and is bound to {ReplayExchange.Of(serviceName)}; {published} events were replayed before this.");

    private static string ContractName(object contract) =>
        contract.GetType().GetCustomAttribute<EntityNameAttribute>()?.EntityName ?? contract.GetType().Name;
}
