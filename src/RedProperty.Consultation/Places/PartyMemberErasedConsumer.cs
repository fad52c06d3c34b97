using RedProperty.Consultation.Committees;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

/// <summary>
/// A party member erased in Organization: the name kept here goes, and so does the name in each committee
/// appointment of theirs, in the events as well. The appointments and every count stay.
/// </summary>
public sealed class PartyMemberErasedConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberErased>(inbox)
{
    protected override async Task Apply(V1.PartyMemberErased message, IDocumentSession session, CancellationToken cancellationToken)
    {
        await PartyMemberEntry.Change(session, message.MemberId, m => m with { Name = PersonalData.Erased }, cancellationToken);
        var now = Inbox.Time.GetUtcNow();
        foreach (var committee in await Committees(session, message.MemberId, cancellationToken))
        {
            await session.AppendAtCurrentVersionAsync(committee, cancellationToken, new ConcurrentMemberNameErased(committee, message.MemberId, now));
        }
    }

    protected override async Task AfterCommit(V1.PartyMemberErased message, CancellationToken cancellationToken)
    {
        await using var session = Inbox.Store.QuerySession();
        foreach (var committee in await Committees(session, message.MemberId, cancellationToken))
        {
            await PersonalData.MaskAsync(Inbox.Store, committee, cancellationToken, e => e.Data is CommitteeMemberAppointed a && a.PartyMemberId == message.MemberId);
        }
    }

    private static async Task<IReadOnlyList<Guid>> Committees(IQuerySession session, Guid memberId, CancellationToken cancellationToken) =>
        await session.Query<CommitteeDetails>().Where(c => c.Appointments.Any(a => a.PartyMemberId == memberId)).Select(c => c.Id).ToListAsync(cancellationToken);
}
