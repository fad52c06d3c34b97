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

    /// <summary>
    /// The member takes a role at a company from <paramref name="on"/> (a role change, a move); when it is not a head's, their
    /// appointments end the day before. A role older than one already known changes nothing.
    /// </summary>
    public static async Task TakeRoleAsync(
        IDocumentSession session, Guid memberId, Guid companyId, string companyRole, bool isCompanyHead, DateOnly on, string reason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        Places.PartyMemberEntry? taken = null;
        await Places.PartyMemberEntry.Change(session, memberId, m => taken = m.TakingRole(companyId, companyRole, isCompanyHead, on), cancellationToken);
        if (taken is { IsCompanyHead: false })
        {
            await EndAsync(session, memberId, on.AddDays(-1), reason, now, cancellationToken);
        }
    }

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
