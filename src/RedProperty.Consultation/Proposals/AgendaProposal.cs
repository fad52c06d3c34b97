using RedProperty.Consultation.Directory;
using RedProperty.Consultation.Meetings;
using EvaluationV1 = RedProperty.Contracts.Evaluation.V1;

namespace RedProperty.Consultation.Proposals;

/// <summary>
/// An agenda item proposed by another service's event for a community's next joint meeting: a
/// black-listed company (each community it serves), an overdue complaint. Added to the community's
/// convened meeting if one is waiting, else to the next one convened; it keeps its source, so the
/// trace follows it from the event to the decision and the action items.
/// </summary>
public sealed record AgendaProposal(Guid Id, Guid CommunityId, Guid ItemId, string Title, string? Description, string Proposer, AgendaSource Source, DateTimeOffset ProposedAt)
{
    public Guid? MeetingId { get; init; }

    public static async Task ProposeAsync(IDocumentSession session, AgendaProposal proposal, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<AgendaProposal>(proposal.Id, cancellationToken) is not null)
        {
            return; // proposed already (a replay, a later revision of the same list)
        }

        var waiting = await session.Query<MeetingDetails>()
            .Where(m => m.CommunityId == proposal.CommunityId && m.HeldOn == null)
            .OrderBy(m => m.At).FirstOrDefaultAsync(cancellationToken);
        if (waiting is not null)
        {
            session.Events.Append(waiting.Id, new AgendaItemAdded(waiting.Id, proposal.ItemId, null, proposal.Title, proposal.Description, proposal.Proposer, proposal.Source, proposal.ProposedAt));
        }

        // Inserted: a concurrent delivery of the same proposal conflicts and is retried, finding it.
        session.Insert(proposal with { MeetingId = waiting?.Id });
    }

    public static Guid IdOf(string kind, Guid sourceId, Guid community, string? round = null) =>
        StreamIds.Named($"agenda-proposal:{kind}:{sourceId}:{community}:{round}");
}

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

public sealed class DisputeEscalatedConsumer(Inbox inbox) : InboxConsumer<RedProperty.Contracts.Volunteering.V1.DisputeEscalated>(inbox)
{
    protected override Task Apply(RedProperty.Contracts.Volunteering.V1.DisputeEscalated message, IDocumentSession session, CancellationToken cancellationToken) =>
        AgendaProposal.ProposeAsync(session, new AgendaProposal(
            AgendaProposal.IdOf("disputeEscalated", message.DisputeId, message.CommunityId), message.CommunityId, Guid.CreateVersion7(), "邻里纠纷调解未果，提请联席会议研究",
            $"纠纷 {message.DisputeId}：{message.Reason}", "社区志愿服务调解组", new AgendaSource("disputeEscalated", message.DisputeId, MessageId), message.RecordedAt), cancellationToken);
}
