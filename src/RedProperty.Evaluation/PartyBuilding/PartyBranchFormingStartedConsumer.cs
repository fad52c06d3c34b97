using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.PartyBuilding;

public sealed class PartyBranchFormingStartedConsumer(Inbox inbox) : InboxConsumer<V1.PartyBranchFormingStarted>(inbox)
{
    // On: the day forming started, which may be before it was recorded (a late entry); older messages carry only the time.
    protected override Task Apply(V1.PartyBranchFormingStarted message, IDocumentSession session, CancellationToken cancellationToken) =>
        PartyBuildingEntry.Record(session, message.CompanyIds, new BranchStateChange(message.BranchId, BranchState.Forming, message.On ?? DistrictCalendar.Today(message.StartedAt)), cancellationToken);
}
