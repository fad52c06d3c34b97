using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.Places;

namespace RedProperty.Evaluation.Complaints;

/// <summary>Rule a complaint valid: from now on it counts in its company's complaint rate.</summary>
/// <param name="EstateId">The estate, when the complaint came with coordinates or an address only.</param>
/// <param name="CompanyId">The company, when it is not the one serving the estate on the day of filing.</param>
public sealed record AcceptComplaint(Guid? EstateId = null, Guid? CompanyId = null, string? Note = null);

public sealed class AcceptComplaintValidator : AbstractValidator<AcceptComplaint>
{
    public AcceptComplaintValidator()
    {
        RuleFor(c => c.EstateId).NotEqual(Guid.Empty);
        RuleFor(c => c.CompanyId).NotEqual(Guid.Empty);
        RuleFor(c => c.Note).MaximumLength(ComplaintRules.MaxTextLength);
    }
}

public static class AcceptComplaintDecider
{
    /// <param name="estate">The registered estate named by the command or the complaint.</param>
    public static IReadOnlyList<object> Decide(Complaint complaint, AcceptComplaint command, EstateDirectoryEntry? estate, DateOnly filedOn, string by, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "accepted", ComplaintStatus.Filed);
        if (estate is null)
        {
            throw new DomainException("A valid complaint concerns an estate of the registry: name it with estateId.");
        }

        var company = command.CompanyId ?? (command.EstateId is null ? complaint.CompanyId : null) ?? estate.CompanyOn(filedOn);
        return [new ComplaintAccepted(complaint.Id, complaint.ServiceCode, filedOn, estate.Id, estate.CommunityId, company, Text.OrNull(command.Note), by, now)];
    }
}

public static class AcceptComplaintEndpoint
{
    public static async Task<Ok<ComplaintDetails>> Handle(
        Guid id, AcceptComplaint command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken)
    {
        var estateId = command.EstateId ?? (await session.LoadAsync<ComplaintDetails>(id, cancellationToken))?.Location.EstateId;
        var estate = estateId is { } e ? await EstateDirectory.Require(session, "estateId", e, cancellationToken) : null;

        if (command.CompanyId is { } companyId)
        {
            await CompanyDirectory.Require(session, "companyId", companyId, cancellationToken);
        }

        await ComplaintScope.Of(Caller.Of(http.User)).RequireKeptAsync(session, estate, command.CompanyId, cancellationToken);
        return await ComplaintChange.Handle(id, expected, http, session, (complaint, by, now) =>
            AcceptComplaintDecider.Decide(complaint, command, estate, DistrictCalendar.Today(complaint.FiledAt), by, now), cancellationToken);
    }
}
