using RedProperty.Evaluation.Companies;

namespace RedProperty.Evaluation.Complaints;

/// <summary>Hand a valid complaint to the company to deal with (again, after a reopening, or to another company).</summary>
/// <param name="CompanyId">Default: the company the complaint is against.</param>
public sealed record AssignComplaint(Guid? CompanyId = null);

public sealed class AssignComplaintValidator : AbstractValidator<AssignComplaint>
{
    public AssignComplaintValidator() => RuleFor(c => c.CompanyId).NotEqual(Guid.Empty);
}

public static class AssignComplaintDecider
{
    public static IReadOnlyList<object> Decide(Complaint complaint, AssignComplaint command, string by, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "assigned", ComplaintStatus.Accepted, ComplaintStatus.Assigned, ComplaintStatus.Responded, ComplaintStatus.Reopened);
        var company = command.CompanyId ?? complaint.CompanyId
            ?? throw new DomainException("No company serves the estate on the day of filing: name the company with companyId.");
        return complaint.Status == ComplaintStatus.Assigned && company == complaint.CompanyId
            ? []
            : [new ComplaintAssigned(complaint.Id, company, by, now)];
    }
}

public static class AssignComplaintEndpoint
{
    public static async Task<Ok<ComplaintDetails>> Handle(
        Guid id, AssignComplaint command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (command.CompanyId is { } companyId)
        {
            await CompanyDirectory.Require(session, "companyId", companyId, cancellationToken);
        }

        await ComplaintScope.Of(Caller.Of(http.User)).RequireKeptAsync(session, null, command.CompanyId, cancellationToken);
        return await ComplaintChange.Handle(id, expected, http, session,
            (complaint, by, now) => AssignComplaintDecider.Decide(complaint, command, by, now), cancellationToken);
    }
}
