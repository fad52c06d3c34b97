namespace RedProperty.Volunteering.Disputes;

public sealed record EscalateDispute(string Reason);

public sealed class EscalateDisputeValidator : AbstractValidator<EscalateDispute>
{
    public EscalateDisputeValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
}

public static partial class DisputeDecider
{
    public static IReadOnlyList<object> Escalate(Dispute dispute, EscalateDispute command, DateTimeOffset now)
    {
        if (dispute.Escalated)
        {
            throw new DomainException("Escalated to the joint meeting already.");
        }

        if (dispute.Status is DisputeStatus.Referred)
        {
            throw new DomainException("A referred dispute is dealt with elsewhere.");
        }

        return [new DisputeEscalated(dispute.Id, dispute.CommunityId, command.Reason.Trim(), DistrictCalendar.Today(now), now)];
    }
}

public static class EscalateDisputeEndpoint
{
    public static Task<Ok<DisputeDetails>> Handle(Guid id, EscalateDispute command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        DisputeChanges.Change(session, id, expected, http, d => DisputeDecider.Escalate(d, command, time.GetUtcNow()), ct);
}
