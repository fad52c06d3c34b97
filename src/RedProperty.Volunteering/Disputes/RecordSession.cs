using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Disputes;

public sealed record RecordSession(DateOnly On, decimal Hours, string? Notes = null);

public sealed class RecordSessionValidator : AbstractValidator<RecordSession>
{
    public RecordSessionValidator()
    {
        RuleFor(c => c.On).NotEmpty();
        RuleFor(c => c.Hours).GreaterThan(0).LessThanOrEqualTo(12);
        RuleFor(c => c.Notes).MaximumLength(4000);
    }
}

public static partial class DisputeDecider
{
    public static IReadOnlyList<object> Session(Dispute dispute, RecordSession command, DateTimeOffset now)
    {
        Accepted(dispute, "mediated");
        var on = DistrictCalendar.FactDay(command.On, now, "session");
        if (on < dispute.RegisteredOn)
        {
            throw new DomainException("A session comes after the dispute was registered.");
        }

        return
        [
            new MediationSessionHeld(dispute.Id, on, command.Hours, dispute.VolunteerMediators, Text.OrNull(command.Notes), now),
            .. dispute.VolunteerMediators.Select(v => (object)new VolunteerHoursRecorded(v, HoursKind.Mediation, dispute.Id, command.Hours, on, now)),
        ];
    }
}

public static class RecordSessionEndpoint
{
    public static Task<Ok<DisputeDetails>> Handle(Guid id, RecordSession command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        DisputeChanges.Change(session, id, expected, http, d => DisputeDecider.Session(d, command, time.GetUtcNow()), ct);
}
