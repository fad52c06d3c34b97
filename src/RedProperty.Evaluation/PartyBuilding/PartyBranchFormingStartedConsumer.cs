using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.PartyBuilding;

public sealed class PartyBranchFormingStartedConsumer(Inbox inbox) : InboxConsumer<V1.PartyBranchFormingStarted>(inbox)
{
    protected override Task Apply(V1.PartyBranchFormingStarted message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyBuildingEntry.Record(session, message.CompanyIds, new BranchStateChange(message.BranchId, BranchState.Forming, DistrictCalendar.Today(message.StartedAt)), cancellationToken);
}
