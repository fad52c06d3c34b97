namespace RedProperty.Volunteering.Disputes;

public sealed record CloseDispute(DisputeOutcome Outcome, DateOnly On);

public sealed class CloseDisputeValidator : AbstractValidator<CloseDispute>
{
    public CloseDisputeValidator() => RuleFor(c => c.Outcome).IsInEnum();
}

public static partial class DisputeDecider
{
    public static IReadOnlyList<object> Close(Dispute dispute, CloseDispute command, DateTimeOffset now)
    {
        Accepted(dispute, "closed");
        if (command.Outcome == DisputeOutcome.Agreed && (dispute.Status != DisputeStatus.Agreed || !dispute.ReturnVisited))
        {
            throw new DomainException("Closed as agreed after the agreement and its return visit.");
        }

        return [new DisputeClosed(dispute.Id, dispute.CommunityId, command.Outcome, dispute.Sessions > 0, DistrictCalendar.FactDay(command.On, now, "closing"), now)
        {
            Resolved = command.Outcome == DisputeOutcome.Agreed && dispute.AgreementKept,
        }];
    }
}

public static class CloseDisputeEndpoint
{
    public static Task<Ok<DisputeDetails>> Handle(Guid id, CloseDispute command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        DisputeChanges.Change(session, id, expected, http, d => DisputeDecider.Close(d, command, time.GetUtcNow()), ct);
}
