using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Places;
using RedProperty.Evaluation.Rectifications;

namespace RedProperty.Evaluation.Inspections;

/// <summary>Record a spot inspection of an estate, item by item (only the items found wanting).</summary>
/// <param name="Inspector">Who inspected (default: the signed-in inspector).</param>
/// <param name="RectificationId">The rectification order this inspection follows up, if any.</param>
public sealed record RecordInspection(Guid EstateId, DateOnly On, IReadOnlyList<Finding> Findings, string? Inspector = null, Guid? RectificationId = null);

public sealed class RecordInspectionValidator : AbstractValidator<RecordInspection>
{
    public RecordInspectionValidator(InspectionChecklist checklist)
    {
        RuleFor(c => c.EstateId).NotEmpty();
        RuleFor(c => c.On).NotEmpty();
        RuleFor(c => c.Inspector).MaximumLength(50);
        RuleFor(c => c.RectificationId).NotEqual(Guid.Empty);
        RuleFor(c => c.Findings).NotNull()
            .Must(f => f.Select(x => x.Item).Distinct().Count() == f.Count).WithMessage("Each item once.");
        RuleForEach(c => c.Findings).ChildRules(finding =>
        {
            finding.RuleFor(f => f.Item).NotEmpty().Must(i => checklist.Find(i) is not null).WithMessage(f => $"No checklist item '{f.Item}'.");
            finding.RuleFor(f => f.Deduction).GreaterThan(0)
                .Must((f, d) => checklist.Find(f.Item) is not { } found || d <= found.Item.Points)
                .WithMessage(f => $"At most the item's {checklist.Find(f.Item)?.Item.Points} points.");
            finding.RuleFor(f => f.Note).MaximumLength(ComplaintRules.MaxTextLength);
            finding.RuleFor(f => f.Evidence).Must(e => e is null || e.Count <= 20).WithMessage("At most 20 pieces of evidence.");
            finding.RuleForEach(f => f.Evidence).MaximumLength(2000)
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https").WithMessage("An absolute http(s) URL.");
        });
    }
}

public static class RecordInspectionDecider
{
    public static SpotInspectionRecorded Decide(
        Guid id, RecordInspection command, EstateDirectoryEntry estate, InspectionChecklist checklist, string inspector, DateTimeOffset now)
    {
        var on = DistrictCalendar.FactDay(command.On, now, "inspection");
        var company = estate.CompanyOn(on)
            ?? throw new DomainException($"No company served {estate.Name} on {on:yyyy-MM-dd}: there is nobody to rate.");
        var findings = command.Findings.Select(f => f with { Note = Text.OrNull(f.Note), Evidence = f.Evidence ?? [] }).ToList();
        var score = checklist.MaxScore - findings.Sum(f => f.Deduction);
        var serious = findings.Any(f => f.Serious);
        return new SpotInspectionRecorded(id, estate.Id, estate.CommunityId, company, on, Text.OrNull(command.Inspector) ?? inspector, findings,
            score, checklist.MaxScore, serious, score >= checklist.PassMark && !serious, command.RectificationId, now);
    }
}

public static class RecordInspectionEndpoint
{
    public static async Task<Created<InspectionDetails>> Handle(
        RecordInspection command, HttpContext http, IDocumentSession session, TimeProvider time, InspectionChecklist checklist,
        IConfiguration configuration, CancellationToken cancellationToken)
    {
        var estate = await EstateDirectory.Require(session, "estateId", command.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var recorded = RecordInspectionDecider.Decide(Guid.CreateVersion7(now), command, estate, checklist, Caller.Of(http.User).Name, now);
        session.Events.StartStream<SpotInspection>(recorded.InspectionId, recorded);

        // A failed inspection orders the company to put it right; a follow-up verifies an order.
        if (command.RectificationId is { } followedUp)
        {
            await RectificationFollowUp.Verify(session, followedUp, recorded, cancellationToken);
        }
        else if (!recorded.Passed)
        {
            RectificationOrders.Start(session, RectificationSource.Inspection, recorded.InspectionId, recorded.CompanyId,
                $"现场抽查不合格：{estate.Name} {recorded.Score}/{recorded.MaxScore} 分{(recorded.Serious ? "，有严重问题" : "")}",
                recorded.On, configuration, now);
        }

        await session.SaveChangesAsync(cancellationToken);
        http.Response.SetETag(1);
        return TypedResults.Created($"/api/evaluation/inspections/{recorded.InspectionId}", InspectionDetails.Create(recorded));
    }
}
