using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.PartyBuilding;

public sealed class PartyBranchDissolvedConsumer(Inbox inbox) : InboxConsumer<V1.PartyBranchDissolved>(inbox)
{
    protected override Task Apply(V1.PartyBranchDissolved message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyBuildingEntry.Record(session, message.CompanyIds, new BranchStateChange(message.BranchId, BranchState.Dissolved, message.On ?? DistrictCalendar.Today(message.DissolvedAt)), cancellationToken);
}
