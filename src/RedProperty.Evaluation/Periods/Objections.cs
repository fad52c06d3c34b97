namespace RedProperty.Evaluation.Periods;

/// <summary>A company objects to its score: which complaints or inspections should not have counted, and why.</summary>
public sealed record FileObjection(Guid CompanyId, string Reason, IReadOnlyList<Guid>? ComplaintIds = null, IReadOnlyList<Guid>? InspectionIds = null);

public sealed class FileObjectionValidator : AbstractValidator<FileObjection>
{
    public FileObjectionValidator()
    {
        RuleFor(c => c.CompanyId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.ComplaintIds).Must(l => l is null || l.Count <= 1000);
        RuleFor(c => c.InspectionIds).Must(l => l is null || l.Count <= 1000);
    }
}

/// <summary>The district's ruling on an objection; upheld, the disputed items leave the company's evidence and it is re-scored.</summary>
public sealed record RuleObjection(bool Upheld, string Reason);

public sealed class RuleObjectionValidator : AbstractValidator<RuleObjection>
{
    public RuleObjectionValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(4000);
}

public static class ObjectionDecider
{
    public static ObjectionFiled File(EvaluationPeriod period, FileObjection command, DateOnly today, string by, DateTimeOffset now)
    {
        if (today > period.ObjectionsUntil)
        {
            throw new DomainException($"Objections to {period.Period} could be filed until {period.ObjectionsUntil:yyyy-MM-dd}.");
        }

        if (!period.Scores.TryGetValue(command.CompanyId, out var score))
        {
            throw new DomainException($"The company was not scored in {period.Period}.");
        }

        if (period.Objections.Any(o => o.CompanyId == command.CompanyId && o.Upheld is null))
        {
            throw new DomainException("The company's earlier objection has not been ruled on yet.");
        }

        var complaints = (command.ComplaintIds ?? []).Distinct().ToList();
        var inspections = (command.InspectionIds ?? []).Distinct().ToList();
        if (complaints.FirstOrDefault(c => !score.Evidence.ValidComplaintIds.Contains(c) && !score.Evidence.RatedComplaintIds.Contains(c)) is var strayComplaint && strayComplaint != Guid.Empty)
        {
            throw new InvalidFieldException("complaintIds", $"Complaint {strayComplaint} did not count in the score.");
        }

        if (inspections.FirstOrDefault(i => !score.Evidence.InspectionIds.Contains(i)) is var strayInspection && strayInspection != Guid.Empty)
        {
            throw new InvalidFieldException("inspectionIds", $"Inspection {strayInspection} did not count in the score.");
        }

        return new ObjectionFiled(period.Id, Guid.CreateVersion7(now), command.CompanyId, command.Reason.Trim(), complaints, inspections, by, now);
    }

    /// <param name="rescored">The company's score without the disputed items (used only when upheld).</param>
    public static IReadOnlyList<object> Rule(
        EvaluationPeriod period, Guid objectionId, RuleObjection command, CompanyScore? rescored, ScoringPolicy policy, DateOnly today, string by, DateTimeOffset now)
    {
        var objection = period.Objections.FirstOrDefault(o => o.Id == objectionId)
            ?? throw new ResourceNotFoundException($"No objection {objectionId} in {period.Period}.");
        if (objection.Upheld is not null)
        {
            throw new DomainException($"The objection was ruled on already ({(objection.Upheld.Value ? "upheld" : "rejected")}).");
        }

        var ruled = new ObjectionRuled(period.Id, objectionId, objection.CompanyId, command.Upheld, command.Reason.Trim(), by, now);
        if (!command.Upheld)
        {
            return [ruled];
        }

        var revision = period.Revision + 1;
        var scores = new Dictionary<Guid, CompanyScore>(period.Scores) { [objection.CompanyId] = rescored! }.Values.ToList();
        return
        [
            ruled,
            new CompanyScored(period.Id, period.Period, rescored!, revision, now),
            new RedListPublished(period.Id, period.Period, policy.RedList(scores), revision, today, now),
            new BlackListPublished(period.Id, period.Period, policy.BlackList(scores), revision, today, now),
        ];
    }
}

public static class ObjectionEndpoints
{
    public static async Task<Created<PeriodDetails>> File(
        string period, FileObjection command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        if (!caller.Sees(command.CompanyId))
        {
            throw new ResourceNotFoundException("No such company's score.");
        }

        var code = PeriodCode.Parse(period);
        var stream = await session.Events.FetchForWriting<EvaluationPeriod>(code.StreamId, cancellationToken);
        if (stream.Aggregate is null)
        {
            throw new ResourceNotFoundException($"Period {code.Code} is not closed.");
        }

        var now = time.GetUtcNow();
        var filed = ObjectionDecider.File(stream.Aggregate, command, DistrictCalendar.Today(now), caller.Name, now);
        stream.AppendOne(filed);
        await session.SaveChangesAsync(cancellationToken);
        http.Response.SetETag(stream.Aggregate is null ? 0 : (stream.CurrentVersion ?? 0) + 1);
        return TypedResults.Created($"/api/evaluation/periods/{code.Code}#objection-{filed.ObjectionId}", (await session.LoadAsync<PeriodDetails>(code.StreamId, cancellationToken))!);
    }

    public static async Task<Ok<PeriodDetails>> Rule(
        string period, Guid objectionId, RuleObjection command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time,
        ScoringPolicy policy, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var code = PeriodCode.Parse(period);
        var stream = await session.FetchForChange<EvaluationPeriod>(code.StreamId, expected, cancellationToken);
        var state = stream.Aggregate!;
        var objection = state.Objections.FirstOrDefault(o => o.Id == objectionId) ?? throw new ResourceNotFoundException($"No objection {objectionId} in {code.Code}.");

        CompanyScore? rescored = null;
        if (command.Upheld)
        {
            var (complaints, inspections) = state.ExcludedFor(objection.CompanyId);
            var inputs = await ScoreInputsQuery.GatherAsync(session, code, objection.CompanyId,
                _ => (complaints.Concat(objection.ComplaintIds).ToHashSet(), inspections.Concat(objection.InspectionIds).ToHashSet()), cancellationToken);
            rescored = policy.Score(inputs.Single());
        }

        var now = time.GetUtcNow();
        var today = DistrictCalendar.Today(now);
        var events = ObjectionDecider.Rule(state, objectionId, command, rescored, policy, today, Caller.Of(http.User).Name, now);
        stream.AppendMany(events);
        if (events.OfType<BlackListPublished>().SingleOrDefault() is { } black)
        {
            var before = await session.LoadAsync<PeriodDetails>(code.StreamId, cancellationToken);
            BlackListOrders.Start(session, state.Id, code.Code, black.CompanyIds, before!.BlackList,
                new Dictionary<Guid, CompanyScore>(state.Scores) { [objection.CompanyId] = rescored! }, today, configuration, now);
        }

        await session.SaveChangesAsync(cancellationToken);
        http.Response.SetETag(expected.Value + events.Count);
        return TypedResults.Ok((await session.LoadAsync<PeriodDetails>(code.StreamId, cancellationToken))!);
    }
}
