using RedProperty.Consultation.Committees;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberMovedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberMovedCompany>(inbox)
{
    protected override async Task Apply(V1.PartyMemberMovedCompany message, IDocumentSession session, CancellationToken cancellationToken)
    {
        PartyMemberEntry? moved = null;
        await PartyMemberEntry.Change(
            session, message.MemberId, m => moved = m.TakingRole(message.ToCompanyId, message.CompanyRole, message.IsCompanyHead, message.On), cancellationToken);
        if (moved is { IsCompanyHead: false })
        {
            // The head of the company they left until the day before the move.
            await ConcurrentAppointments.EndAsync(session, message.MemberId, message.On.AddDays(-1), ConcurrentAppointments.LeftCompany, Inbox.Time.GetUtcNow(), cancellationToken);
        }
    }
}
