namespace RedProperty.Evaluation.Complaints;

/// <summary>Close a resolved complaint (after the return visit); it can no longer be reopened.</summary>
public sealed record CloseComplaint(string? Note = null);

public sealed class CloseComplaintValidator : AbstractValidator<CloseComplaint>
{
    public CloseComplaintValidator() => RuleFor(c => c.Note).MaximumLength(ComplaintRules.MaxTextLength);
}

public static class CloseComplaintDecider
{
    public static IReadOnlyList<object> Decide(Complaint complaint, CloseComplaint command, string by, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "closed", ComplaintStatus.Resolved);
        return [new ComplaintClosed(complaint.Id, complaint.CompanyId, complaint.Satisfaction, Text.OrNull(command.Note), by, now)];
    }
}

public static class CloseComplaintEndpoint
{
    public static Task<Ok<ComplaintDetails>> Handle(
        Guid id, CloseComplaint command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken) =>
        ComplaintChange.Handle(id, expected, http, session, (complaint, by, now) => CloseComplaintDecider.Decide(complaint, command, by, now), cancellationToken);
}
