using System.Reflection;
using FluentValidation;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace RedProperty.BuildingBlocks;

/// <summary>
/// Re-publish this service's integration events, from a sequence or a time, to one named
/// subscriber queue (a late subscriber, a queue that was recreated, a read model rebuilt). The
/// MessageIds are the stored events' ids as at first publish, so every inbox drops what it already
/// applied: a replay has no second effect anywhere. Only the named queue receives the messages.
/// </summary>
public sealed record ReplayIntegrationEvents(string Queue, long? FromSequence, DateTimeOffset? FromTime, string[]? Contracts);

public sealed record ReplayResult(string Queue, int Published, long LastSequence);

public sealed class ReplayIntegrationEventsValidator : AbstractValidator<ReplayIntegrationEvents>
{
    public ReplayIntegrationEventsValidator()
    {
        // A queue name as RabbitMQ allows it, without the characters MassTransit addresses reserve.
        RuleFor(r => r.Queue).NotEmpty().MaximumLength(255).Matches("^[A-Za-z0-9._:-]+$");
        RuleFor(r => r.FromSequence).GreaterThanOrEqualTo(0);
        RuleFor(r => r).Must(r => r.FromSequence is null || r.FromTime is null)
            .WithName("fromSequence").WithMessage("Give fromSequence or fromTime, not both.");
        RuleFor(r => r.Contracts).Must(c => c is null || c.Length <= 100).WithMessage("At most 100 contracts.");
        RuleForEach(r => r.Contracts).NotEmpty().MaximumLength(200);
    }
}

public static class IntegrationEventReplay
{
    private const int PageSize = 500;

    /// <summary><c>POST {prefix}/integration-events/replay</c>.</summary>
    public static IEndpointRouteBuilder MapIntegrationEventReplay(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapPost($"{prefix}/integration-events/replay", Handle)
            .Validate<ReplayIntegrationEvents>()
            .WithTags("Operations")
            .WithName("ReplayIntegrationEvents")
            .WithSummary("Re-publish integration events from a sequence or time to one subscriber queue (inboxes drop repeats)");
        return app;
    }

    public static async Task<Ok<ReplayResult>> Handle(
        ReplayIntegrationEvents request, IQuerySession session, IntegrationEventMap map, ISendEndpointProvider endpoints,
        CancellationToken cancellationToken)
    {
        var wanted = request.Contracts is { Length: > 0 } names ? names.ToHashSet(StringComparer.Ordinal) : null;
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{request.Queue}"));
        var position = request.FromSequence is { } from ? from - 1 : -1;
        var published = 0;
        var last = position;
        while (true)
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
                if (map.ToContract(stored) is { } contract && (wanted is null || wanted.Contains(ContractName(contract))))
                {
                    // In sequence order, each confirmed before the next: per-stream order as at first publish.
                    await endpoint.Send(contract, contract.GetType(), Pipe.Execute<SendContext>(send => send.MessageId = stored.Id), cancellationToken);
                    published++;
                }
            }

            position = page[^1].Sequence;
            last = position;
        }

        return TypedResults.Ok(new ReplayResult(request.Queue, published, Math.Max(last, 0)));
    }

    private static string ContractName(object contract) =>
        contract.GetType().GetCustomAttribute<EntityNameAttribute>()?.EntityName ?? contract.GetType().Name;
}
