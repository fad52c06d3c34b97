using RedProperty.Consultation.Committees;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberCompanyRoleChangedConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberCompanyRoleChanged>(inbox)
{
    protected override Task Apply(V1.PartyMemberCompanyRoleChanged message, IDocumentSession session, CancellationToken cancellationToken) =>
        ConcurrentAppointments.TakeRoleAsync(
            session, message.MemberId, message.CompanyId, message.CompanyRole, message.IsCompanyHead, message.On, ConcurrentAppointments.NoLongerHead,
            Inbox.Time.GetUtcNow(), cancellationToken);
}
