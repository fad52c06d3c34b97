using RedProperty.Consultation.Committees;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberCompanyRoleChangedConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberCompanyRoleChanged>(inbox)
{
    protected override async Task Apply(V1.PartyMemberCompanyRoleChanged message, IDocumentSession session, CancellationToken cancellationToken)
    {
        PartyMemberEntry? changed = null;
        await PartyMemberEntry.Change(
            session, message.MemberId, m => changed = m.TakingRole(message.CompanyId, message.CompanyRole, message.IsCompanyHead, message.On), cancellationToken);
        if (changed is { IsCompanyHead: false })
        {
            // Head until the day before the new role.
            await ConcurrentAppointments.EndAsync(session, message.MemberId, message.On.AddDays(-1), ConcurrentAppointments.NoLongerHead, Inbox.Time.GetUtcNow(), cancellationToken);
        }
    }
}
