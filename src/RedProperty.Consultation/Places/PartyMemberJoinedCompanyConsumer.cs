using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberJoinedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberJoinedCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberJoinedCompany message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyMemberEntry.Change(session, message.MemberId, m => m.RoleOn is not null
            ? m with { Name = message.Name }
            : m with
            {
                Name = message.Name,
                CompanyId = message.CompanyId,
                CompanyRole = message.CompanyRole,
                IsCompanyHead = PartyMemberEntry.HeadRoles.Contains(message.CompanyRole),
                RoleOn = DistrictCalendar.Today(message.JoinedAt),
            }, cancellationToken);
}
