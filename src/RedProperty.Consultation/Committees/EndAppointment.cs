namespace RedProperty.Consultation.Committees;

public sealed record EndAppointment(DateOnly On);

public sealed class EndAppointmentValidator : AbstractValidator<EndAppointment>
{
    public EndAppointmentValidator() => RuleFor(c => c.On).NotEmpty();
}

// One partial class with AppointMember.cs: the decider tests call AppointMemberDecider.End.
public static partial class AppointMemberDecider
{
    public static IReadOnlyList<object> End(CommunityPartyCommittee committee, Guid appointmentId, DateOnly on, DateTimeOffset now)
    {
        var appointment = committee.Appointments.FirstOrDefault(a => a.Id == appointmentId)
            ?? throw new ResourceNotFoundException($"No appointment {appointmentId} on this committee.");
        if (on < appointment.From || (appointment.To is { } to && on >= to && to < committee.TermTo))
        {
            throw new DomainException($"The appointment runs from {appointment.From:yyyy-MM-dd}{(appointment.To is { } t ? $" to {t:yyyy-MM-dd}" : "")}; it cannot end on {on:yyyy-MM-dd}.");
        }

        return [new CommitteeMemberAppointmentEnded(committee.Id, committee.CommunityId, appointmentId, appointment.PartyMemberId, on, now)];
    }
}

public static class EndAppointmentEndpoint
{
    public static async Task<Ok<CommitteeDetails>> Handle(
        Guid id, Guid appointmentId, EndAppointment command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await CommitteeScope.Require(http, session, id, cancellationToken);
        return await session.Change<CommunityPartyCommittee, CommitteeDetails>(
            id, expected, committee => AppointMemberDecider.End(committee, appointmentId, command.On, time.GetUtcNow()), http.Response, cancellationToken);
    }
}
