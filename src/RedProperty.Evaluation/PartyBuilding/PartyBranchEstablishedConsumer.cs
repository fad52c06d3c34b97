using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.PartyBuilding;

public sealed class PartyBranchEstablishedConsumer(Inbox inbox) : InboxConsumer<V1.PartyBranchEstablished>(inbox)
{
    protected override Task Apply(V1.PartyBranchEstablished message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyBuildingEntry.Record(session, message.CompanyIds, new BranchStateChange(message.BranchId, BranchState.Established, message.ApprovedOn), cancellationToken);
}
