namespace RedProperty.Evaluation.Complaints;

/// <summary>Rule a complaint invalid (not the company's responsibility, unfounded …) or a duplicate of another.</summary>
public sealed record RuleOutComplaint(Ruling Ruling, string Reason, Guid? DuplicateOf = null);

public sealed class RuleOutComplaintValidator : AbstractValidator<RuleOutComplaint>
{
    public RuleOutComplaintValidator()
    {
        RuleFor(c => c.Ruling).IsInEnum();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(ComplaintRules.MaxTextLength);
        RuleFor(c => c.DuplicateOf).NotNull().NotEqual(Guid.Empty).When(c => c.Ruling == Ruling.Duplicate)
            .WithMessage("A duplicate names the complaint it repeats.");
        RuleFor(c => c.DuplicateOf).Null().When(c => c.Ruling == Ruling.Invalid).WithMessage("Only a duplicate names another complaint.");
    }
}

public static class RuleOutComplaintDecider
{
    public static IReadOnlyList<object> Decide(Complaint complaint, RuleOutComplaint command, bool originalExists, string by, DateTimeOffset now)
    {
        ComplaintChange.Require(complaint, "ruled out", ComplaintStatus.Filed);
        if (command.DuplicateOf == complaint.Id)
        {
            throw new DomainException("A complaint cannot duplicate itself.");
        }

        if (command.Ruling == Ruling.Duplicate && !originalExists)
        {
            throw new InvalidFieldException("duplicateOf", $"No complaint with id {command.DuplicateOf}.");
        }

        return [new ComplaintRuledOut(complaint.Id, complaint.CompanyId, command.Ruling, command.Reason.Trim(), command.DuplicateOf, by, now)];
    }
}

public static class RuleOutComplaintEndpoint
{
    public static async Task<Ok<ComplaintDetails>> Handle(
        Guid id, RuleOutComplaint command, ExpectedVersion expected, HttpContext http, IDocumentSession session, CancellationToken cancellationToken)
    {
        var originalExists = command.DuplicateOf is { } original && await session.LoadAsync<ComplaintDetails>(original, cancellationToken) is not null;
        return await ComplaintChange.Handle(id, expected, http, session,
            (complaint, by, now) => RuleOutComplaintDecider.Decide(complaint, command, originalExists, by, now), cancellationToken);
    }
}
