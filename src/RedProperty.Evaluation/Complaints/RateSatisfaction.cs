namespace RedProperty.Evaluation.Complaints;

/// <summary>The resident's satisfaction with how the complaint was handled (return visit 回访, or the resident's app).</summary>
/// <param name="Score">1 (very dissatisfied) to 5 (very satisfied).</param>
public sealed record RateSatisfaction(int Score, string? Comment = null);

public sealed class RateSatisfactionValidator : AbstractValidator<RateSatisfaction>
{
    public RateSatisfactionValidator()
    {
        RuleFor(c => c.Score).InclusiveBetween(1, 5);
        RuleFor(c => c.Comment).MaximumLength(ComplaintRules.MaxTextLength);
    }
}

public static class RateSatisfactionDecider
{
    public static IReadOnlyList<object> Decide(Complaint complaint, RateSatisfaction command, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "rated", ComplaintStatus.Resolved, ComplaintStatus.Closed);
        if (complaint.Ruling is not null)
        {
            throw new DomainException("A complaint ruled out is not rated.");
        }

        if (complaint.Satisfaction is { } given)
        {
            throw new DomainException($"The resident has already rated this complaint ({given}).");
        }

        return [new ComplaintSatisfactionRated(complaint.Id, command.Score, Text.OrNull(command.Comment), now)];
    }
}

public static class RateSatisfactionEndpoint
{
    public static Task<Ok<ComplaintDetails>> Handle(
        Guid id, RateSatisfaction command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken) =>
        ComplaintChange.Handle(id, expected, http, session, (complaint, _, now) => RateSatisfactionDecider.Decide(complaint, command, now), cancellationToken);
}
