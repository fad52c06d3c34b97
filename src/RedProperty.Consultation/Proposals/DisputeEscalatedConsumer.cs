using RedProperty.Consultation.Meetings;

namespace RedProperty.Consultation.Proposals;

public sealed class DisputeEscalatedConsumer(Inbox inbox) : InboxConsumer<RedProperty.Contracts.Volunteering.V1.DisputeEscalated>(inbox)
{
    protected override Task Apply(RedProperty.Contracts.Volunteering.V1.DisputeEscalated message, IDocumentSession session, CancellationToken cancellationToken) =>
        AgendaProposal.ProposeAsync(session, new AgendaProposal(
            AgendaProposal.IdOf("disputeEscalated", message.DisputeId, message.CommunityId), message.CommunityId, Guid.CreateVersion7(), "邻里纠纷调解未果，提请联席会议研究",
            $"纠纷 {message.DisputeId}：{message.Reason}", "社区志愿服务调解组", new AgendaSource("disputeEscalated", message.DisputeId, MessageId), message.RecordedAt), cancellationToken);
}
