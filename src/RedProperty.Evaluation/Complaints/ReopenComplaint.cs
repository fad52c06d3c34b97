namespace RedProperty.Evaluation.Complaints;

/// <summary>The resident says it is not fixed: back to the company (assign again), still counted against the same service level.</summary>
public sealed record ReopenComplaint(string Reason);

public sealed class ReopenComplaintValidator : AbstractValidator<ReopenComplaint>
{
    public ReopenComplaintValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(ComplaintRules.MaxTextLength);
}

public static class ReopenComplaintDecider
{
    public static IReadOnlyList<object> Decide(Complaint complaint, ReopenComplaint command, string by, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "reopened", ComplaintStatus.Resolved);
        return [new ComplaintReopened(complaint.Id, command.Reason.Trim(), by, now, complaint.ResolvedAt)];
    }
}

public static class ReopenComplaintEndpoint
{
    public static Task<Ok<ComplaintDetails>> Handle(
        Guid id, ReopenComplaint command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken) =>
        ComplaintChange.Handle(id, expected, http, session, (complaint, by, now) => ReopenComplaintDecider.Decide(complaint, command, by, now), cancellationToken);
}
