using RedProperty.Consultation.Committees;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Places;

public sealed class PartyMemberLeftCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberLeftCompany>(inbox)
{
    protected override async Task Apply(V1.PartyMemberLeftCompany message, IDocumentSession session, CancellationToken cancellationToken)
    {
        PartyMemberEntry? left = null;
        await PartyMemberEntry.Change(session, message.MemberId, m => left = m.CompanyId is { } current && current != message.CompanyId
            ? null // left an earlier company; a move already took them on
            : m with { Left = true, IsCompanyHead = false }, cancellationToken);
        if (left is not null)
        {
            var lastDay = message.LeftOn ?? DistrictCalendar.Today(message.LeftAt);
            await ConcurrentAppointments.EndAsync(session, message.MemberId, lastDay, ConcurrentAppointments.LeftCompany, Inbox.Time.GetUtcNow(), cancellationToken);
        }
    }
}
