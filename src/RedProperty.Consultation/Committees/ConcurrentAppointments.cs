namespace RedProperty.Consultation.Committees;

/// <summary>
/// A concurrent member (兼职委员) sits on the committee as the head of a property company. When they leave the company or
/// the head role, their appointments end on their last day as a head: one <see cref="CommitteeMemberAppointmentEnded"/>
/// each, with the reason, published as <c>concurrent-member-ended</c>. From the next day they no longer count among the
/// concurrent company heads.
/// </summary>
public static class ConcurrentAppointments
{
    // As the contract carries them (camelCase, like every enumeration on the wire).
    public const string LeftCompany = "leftCompany";
    public const string NoLongerHead = "noLongerHead";

    public static async Task EndAsync(IDocumentSession session, Guid memberId, DateOnly lastDay, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var committees = await session.Query<CommitteeDetails>().Where(c => c.Appointments.Any(a => a.PartyMemberId == memberId)).Select(c => c.Id).ToListAsync(cancellationToken);
        // Several members of one committee may change at once (their messages are consumed concurrently): each committee's
        // stream is locked until this commits, in id order so two consumers never wait on each other, and read under the lock.
        foreach (var id in committees.Order())
        {
            var committee = await session.Events.FetchForExclusiveWriting<CommunityPartyCommittee>(id, cancellationToken);
            foreach (var appointment in committee.Aggregate!.Appointments.Where(a => a.PartyMemberId == memberId && (a.To is null || a.To > lastDay)))
            {
                // An appointment due to begin after that day never counts: it ends the day before it would have begun.
                var on = appointment.From > lastDay ? appointment.From.AddDays(-1) : lastDay;
                committee.AppendOne(new CommitteeMemberAppointmentEnded(id, committee.Aggregate.CommunityId, appointment.Id, memberId, on, now) { Reason = reason });
            }
        }
    }
}
