using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Places;
using EvaluationV1 = RedProperty.Contracts.Evaluation.V1;

namespace RedProperty.Consultation.Proposals;

public sealed class ComplaintOverdueConsumer(Inbox inbox) : InboxConsumer<EvaluationV1.ComplaintOverdue>(inbox)
{
    protected override async Task Apply(EvaluationV1.ComplaintOverdue message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (message.CommunityId is not { } community)
        {
            return; // not yet placed in a community: nobody's table to bring it to
        }

        var company = message.CompanyId is { } id ? (await session.LoadAsync<CompanyEntry>(id, cancellationToken))?.Name : null;
        await AgendaProposal.ProposeAsync(session, new AgendaProposal(
            AgendaProposal.IdOf("complaintOverdue", message.ComplaintId, community), community, Guid.CreateVersion7(), "投诉逾期未解决，提请联席会议协调",
            $"投诉 {message.ComplaintId}{(company is null ? "" : $"（{company}）")}超过服务时限（{message.DueAt.ToOffset(DistrictCalendar.Offset):yyyy-MM-dd HH:mm}）仍未解决。",
            "区物业服务评价系统", new AgendaSource("complaintOverdue", message.ComplaintId, MessageId), message.RaisedAt), cancellationToken);
    }
}
