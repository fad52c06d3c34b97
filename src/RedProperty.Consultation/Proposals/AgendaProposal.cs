using RedProperty.Consultation.Meetings;

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
            await session.AppendAtCurrentVersionAsync(waiting.Id, cancellationToken,
                new AgendaItemAdded(waiting.Id, proposal.ItemId, null, proposal.Title, proposal.Description, proposal.Proposer, proposal.Source, proposal.ProposedAt));
        }

        // Inserted: a concurrent delivery of the same proposal conflicts and is retried, finding it.
        session.Insert(proposal with { MeetingId = waiting?.Id });
    }

    public static Guid IdOf(string kind, Guid sourceId, Guid community, string? round = null) =>
        StreamIds.Named($"agenda-proposal:{kind}:{sourceId}:{community}:{round}");
}
