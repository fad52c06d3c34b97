using RedProperty.Evaluation.Complaints;
using V1 = RedProperty.Contracts.Evaluation.V1;

namespace RedProperty.Evaluation;

/// <summary>Which of Evaluation's events leave the service, and as which public contract. Never a complainant's details.</summary>
public static class IntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<ComplaintFiled>(e => new V1.ComplaintFiled(
            e.Data.ComplaintId, e.Data.ServiceCode, e.Data.Location.EstateId, e.Data.Location.CommunityId, e.Data.CompanyId,
            DistrictCalendar.Today(e.Data.FiledAt), e.Data.FiledAt))
        .Map<ComplaintAccepted>(e => new V1.ComplaintAccepted(
            e.Data.ComplaintId, e.Data.ServiceCode, e.Data.EstateId, e.Data.CommunityId, e.Data.CompanyId, e.Data.FiledOn, e.Data.AcceptedAt))
        .Map<ComplaintResolved>(e => new V1.ComplaintResolved(
            e.Data.ComplaintId, e.Data.CompanyId, e.Data.CommunityId, DistrictCalendar.Today(e.Data.ResolvedAt), e.Data.ResolvedAt))
        .Map<ComplaintOverdue>(e => new V1.ComplaintOverdue(
            e.Data.ComplaintId, e.Data.CompanyId, e.Data.CommunityId, e.Data.EstateId, e.Data.DueAt, e.Data.RaisedAt))
        .Map<ComplaintRuledOut>(e => new V1.ComplaintClosed(e.Data.ComplaintId, e.Data.CompanyId, IntegrationEventMap.Wire(e.Data.Ruling), null, e.Data.RuledAt))
        .Map<ComplaintClosed>(e => new V1.ComplaintClosed(e.Data.ComplaintId, e.Data.CompanyId, "resolved", e.Data.Satisfaction, e.Data.ClosedAt));
}
