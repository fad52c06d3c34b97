namespace RedProperty.Evaluation.Complaints;

/// <summary>The company's answer: what it did or will do.</summary>
public sealed record RespondToComplaint(string Response);

public sealed class RespondToComplaintValidator : AbstractValidator<RespondToComplaint>
{
    public RespondToComplaintValidator() => RuleFor(c => c.Response).NotEmpty().MaximumLength(ComplaintRules.MaxDescriptionLength);
}

public static class RespondToComplaintDecider
{
    public static IReadOnlyList<object> Decide(Complaint complaint, RespondToComplaint command, string by, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "answered", ComplaintStatus.Assigned, ComplaintStatus.Responded);
        return [new ComplaintResponded(complaint.Id, complaint.CompanyId!.Value, command.Response.Trim(), by, now)];
    }
}

public static class RespondToComplaintEndpoint
{
    public static Task<Ok<ComplaintDetails>> Handle(
        Guid id, RespondToComplaint command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken) =>
        ComplaintChange.Handle(id, expected, http, session, (complaint, by, now) => RespondToComplaintDecider.Decide(complaint, command, by, now), cancellationToken);
}
