using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Places;
using EvaluationV1 = RedProperty.Contracts.Evaluation.V1;

namespace RedProperty.Consultation.Proposals;

public sealed class BlackListPublishedConsumer(Inbox inbox) : InboxConsumer<EvaluationV1.BlackListPublished>(inbox)
{
    protected override async Task Apply(EvaluationV1.BlackListPublished message, IDocumentSession session, CancellationToken cancellationToken)
    {
        foreach (var company in message.CompanyIds)
        {
            var name = (await session.LoadAsync<CompanyEntry>(company, cancellationToken))?.Name ?? company.ToString();
            var communities = await session.Query<EstateEntry>().Where(e => e.CompanyIds.Contains(company) && e.CommunityId != null)
                .Select(e => e.CommunityId!.Value).ToListAsync(cancellationToken);
            foreach (var community in communities.Distinct())
            {
                await AgendaProposal.ProposeAsync(session, new AgendaProposal(
                    AgendaProposal.IdOf("blackList", company, community, message.Period), community, Guid.CreateVersion7(), $"{name}列入{message.Period}黑榜，督促限期整改",
                    $"{name}在{message.Period}物业服务评价中列入黑榜，责令限期整改；请联席会议研究督促措施。",
                    "区物业服务评价系统", new AgendaSource("blackList", company, MessageId), message.PublishedAt), cancellationToken);
            }
        }
    }
}
