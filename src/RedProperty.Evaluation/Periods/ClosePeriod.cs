using RedProperty.Evaluation.Rectifications;

namespace RedProperty.Evaluation.Periods;

/// <summary>Close an evaluation period: score every company, publish the red and black lists, order the black-listed to rectify.</summary>
/// <param name="ClosedOn">The day of the decision (default today); objections may be filed for <c>Scoring:ObjectionDays</c> after it.</param>
public sealed record ClosePeriod(DateOnly? ClosedOn = null);

public sealed class ClosePeriodValidator : AbstractValidator<ClosePeriod>
{
    public ClosePeriodValidator() => RuleFor(c => c.ClosedOn).Must(d => d is null || PlausibleDates.Contains(d.Value)).WithMessage(PlausibleDates.Message);
}

public static class ClosePeriodDecider
{
    public static IReadOnlyList<object> Decide(PeriodCode period, IReadOnlyList<ScoreInputs> inputs, ScoringPolicy policy, DateOnly? closedOn, DateTimeOffset now)
    {
        var on = DistrictCalendar.FactDay(closedOn, now, "closing");
        if (on <= period.To)
        {
            throw new DomainException($"Period {period.Code} runs until {period.To:yyyy-MM-dd}; it can be closed from the day after.");
        }

        var scores = inputs.Select(policy.Score).ToList();
        var id = period.StreamId;
        return
        [
            new EvaluationPeriodClosed(id, period.Code, period.From, period.To, on, on.AddDays(policy.ObjectionDays), now),
            .. scores.Select(s => new CompanyScored(id, period.Code, s, 1, now)),
            new RedListPublished(id, period.Code, policy.RedList(scores), 1, on, now),
            new BlackListPublished(id, period.Code, policy.BlackList(scores), 1, on, now),
        ];
    }
}

public static class ClosePeriodEndpoint
{
    public static async Task<Ok<PeriodDetails>> Handle(
        string period, ClosePeriod command, IDocumentSession session, TimeProvider time, ScoringPolicy policy, IConfiguration configuration,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var code = PeriodCode.Parse(period);
        if (await session.Events.FetchStreamStateAsync(code.StreamId, cancellationToken) is not null)
        {
            throw new DomainException($"Period {code.Code} is closed; an objection re-scores a company.");
        }

        var inputs = await ScoreInputsQuery.GatherAsync(session, code, null, _ => (new HashSet<Guid>(), new HashSet<Guid>()), cancellationToken);
        var now = time.GetUtcNow();
        var events = ClosePeriodDecider.Decide(code, inputs, policy, command.ClosedOn, now);
        session.Events.StartStream<EvaluationPeriod>(code.StreamId, events.ToArray());
        var closed = events.OfType<EvaluationPeriodClosed>().Single();
        BlackListOrders.Start(session, closed.PeriodId, code.Code, events.OfType<BlackListPublished>().Single().CompanyIds, [],
            events.OfType<CompanyScored>().ToDictionary(s => s.Score.CompanyId, s => s.Score), closed.ClosedOn, configuration, now);
        await session.SaveChangesAsync(cancellationToken); // a concurrent close of the same period fails here: the stream exists
        response.SetETag(events.Count);
        return TypedResults.Ok((await session.LoadAsync<PeriodDetails>(code.StreamId, cancellationToken))!);
    }
}

/// <summary>Black-listing orders rectification (限期整改) of every company newly on the list.</summary>
public static class BlackListOrders
{
    public static void Start(
        IDocumentSession session, Guid periodId, string period, IReadOnlyList<Guid> blackList, IReadOnlyList<Guid> alreadyOrdered,
        IReadOnlyDictionary<Guid, CompanyScore> scores, DateOnly on, IConfiguration configuration, DateTimeOffset now)
    {
        foreach (var company in blackList.Except(alreadyOrdered))
        {
            var score = scores[company];
            RectificationOrders.Start(session, RectificationSource.BlackList, periodId, company,
                $"{period} 列入黑榜：{score.Total} 分（{score.Grade}）{(score.SeriousBreach ? "，抽查发现严重问题" : "")}，限期整改到位", on, configuration, now);
        }
    }
}
