namespace RedProperty.Volunteering.Disputes;

public sealed record ReachAgreement(string Terms, DateOnly PerformBy, DateOnly On);

public sealed class ReachAgreementValidator : AbstractValidator<ReachAgreement>
{
    public ReachAgreementValidator()
    {
        RuleFor(c => c.Terms).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.PerformBy).GreaterThanOrEqualTo(c => c.On);
    }
}

public static partial class DisputeDecider
{
    public static IReadOnlyList<object> Agree(Dispute dispute, ReachAgreement command, DateTimeOffset now)
    {
        Accepted(dispute, "agreed");
        if (dispute.Sessions == 0)
        {
            throw new DomainException("An agreement is reached in a mediation session; record the session first.");
        }

        return [new AgreementReached(dispute.Id, command.Terms.Trim(), command.PerformBy, DistrictCalendar.FactDay(command.On, now, "agreement"), now)];
    }
}

public static class ReachAgreementEndpoint
{
    public static Task<Ok<DisputeDetails>> Handle(Guid id, ReachAgreement command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        DisputeChanges.Change(session, id, expected, http, d => DisputeDecider.Agree(d, command, time.GetUtcNow()), ct);
}
