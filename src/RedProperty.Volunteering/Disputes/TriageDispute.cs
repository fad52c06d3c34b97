namespace RedProperty.Volunteering.Disputes;

public sealed record TriageDispute(bool Accept, string? ReferredTo = null, string? Note = null);

public sealed class TriageDisputeValidator : AbstractValidator<TriageDispute>
{
    public TriageDisputeValidator()
    {
        RuleFor(c => c.ReferredTo).NotEmpty().MaximumLength(200).When(c => !c.Accept).WithMessage("Say where the dispute was referred (e.g. 派出所, 人民法院).");
        RuleFor(c => c.Note).MaximumLength(1000);
    }
}

public static partial class DisputeDecider
{
    public static IReadOnlyList<object> Triage(Dispute dispute, TriageDispute command, DateTimeOffset now) =>
        dispute.Status != DisputeStatus.Registered
            ? throw new DomainException("The dispute was triaged already.")
            : [new DisputeTriaged(dispute.Id, command.Accept, command.Accept ? null : command.ReferredTo!.Trim(), Text.OrNull(command.Note), now)];
}

public static class TriageDisputeEndpoint
{
    public static Task<Ok<DisputeDetails>> Handle(Guid id, TriageDispute command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        DisputeChanges.Change(session, id, expected, http, d => DisputeDecider.Triage(d, command, time.GetUtcNow()), ct);
}
