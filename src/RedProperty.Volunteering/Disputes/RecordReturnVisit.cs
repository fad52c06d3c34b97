namespace RedProperty.Volunteering.Disputes;

public sealed record RecordReturnVisit(DateOnly On, bool Performed, string? Notes = null);

public sealed class RecordReturnVisitValidator : AbstractValidator<RecordReturnVisit>
{
    public RecordReturnVisitValidator() => RuleFor(c => c.Notes).MaximumLength(2000);
}

public static partial class DisputeDecider
{
    public static IReadOnlyList<object> ReturnVisit(Dispute dispute, RecordReturnVisit command, DateTimeOffset now) =>
        dispute.Status != DisputeStatus.Agreed
            ? throw new DomainException("A return visit checks an agreement; there is none to check.")
            : [new ReturnVisitMade(dispute.Id, DistrictCalendar.FactDay(command.On, now, "return visit"), command.Performed, Text.OrNull(command.Notes), now)];
}

public static class RecordReturnVisitEndpoint
{
    public static Task<Ok<DisputeDetails>> Handle(Guid id, RecordReturnVisit command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        DisputeChanges.Change(session, id, expected, http, d => DisputeDecider.ReturnVisit(d, command, time.GetUtcNow()), ct);
}
