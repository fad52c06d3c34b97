using RedProperty.Consultation.Committees;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberMovedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberMovedCompany>(inbox)
{
    // Not a head at the new company: the head of the company they left until the day before the move.
    protected override Task Apply(V1.PartyMemberMovedCompany message, IDocumentSession session, CancellationToken cancellationToken) =>
        ConcurrentAppointments.TakeRoleAsync(
            session, message.MemberId, message.ToCompanyId, message.CompanyRole, message.IsCompanyHead, message.On, ConcurrentAppointments.LeftCompany,
            Inbox.Time.GetUtcNow(), cancellationToken);
}
