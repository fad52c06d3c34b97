namespace RedProperty.Evaluation.Complaints;

/// <summary>The problem is fixed, as checked by the community or the district (not by the company alone).</summary>
public sealed record ResolveComplaint(string Note);

public sealed class ResolveComplaintValidator : AbstractValidator<ResolveComplaint>
{
    public ResolveComplaintValidator() => RuleFor(c => c.Note).NotEmpty().MaximumLength(ComplaintRules.MaxTextLength);
}

public static class ResolveComplaintDecider
{
    public static IReadOnlyList<object> Decide(Complaint complaint, ResolveComplaint command, string by, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "resolved", ComplaintStatus.Assigned, ComplaintStatus.Responded);
        return [new ComplaintResolved(complaint.Id, complaint.CompanyId, complaint.CommunityId, command.Note.Trim(), by, now)];
    }
}

public static class ResolveComplaintEndpoint
{
    public static Task<Ok<ComplaintDetails>> Handle(
        Guid id, ResolveComplaint command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken) =>
        ComplaintChange.Handle(id, expected, http, session, (complaint, by, now) => ResolveComplaintDecider.Decide(complaint, command, by, now), cancellationToken);
}
