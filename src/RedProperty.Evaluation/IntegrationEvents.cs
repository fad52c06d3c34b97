using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Inspections;
using RedProperty.Evaluation.Periods;
using RedProperty.Evaluation.Projects;
using RedProperty.Evaluation.Rectifications;
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
        .Map<ComplaintClosed>(e => new V1.ComplaintClosed(e.Data.ComplaintId, e.Data.CompanyId, "resolved", e.Data.Satisfaction, e.Data.ClosedAt))
        .Map<SpotInspectionRecorded>(e => new V1.InspectionCompleted(
            e.Data.InspectionId, e.Data.EstateId, e.Data.CommunityId, e.Data.CompanyId, e.Data.On, e.Data.Score, e.Data.MaxScore, e.Data.Passed, e.Data.Serious, e.Data.RecordedAt))
        .Map<CompanyScored>(e => new V1.CompanyScored(
            e.Data.Period, e.Data.Score.CompanyId, e.Data.Score.Total, e.Data.Score.Grade, e.Data.Score.SeriousBreach, e.Data.Score.ComplaintRate,
            [.. e.Data.Score.Components.Select(c => new V1.ScoreComponent(c.Name, c.Score, c.Weight))], e.Data.Revision, e.Data.ScoredAt))
        .Map<RedListPublished>(e => new V1.RedListPublished(e.Data.Period, e.Data.CompanyIds, e.Data.Revision, e.Data.PublishedOn, e.Data.PublishedAt))
        .Map<BlackListPublished>(e => new V1.BlackListPublished(e.Data.Period, e.Data.CompanyIds, e.Data.Revision, e.Data.PublishedOn, e.Data.PublishedAt))
        .Map<RectificationOrdered>(e => new V1.RectificationOrdered(
            e.Data.OrderId, e.Data.CompanyId, IntegrationEventMap.Wire(e.Data.Source), e.Data.SourceId, e.Data.Reason, e.Data.OrderedOn, e.Data.Deadline, e.Data.OrderedAt))
        // Only a passed verification completes the order; a failed one stays inside.
        .Map<RectificationVerified>(e => e.Data.Passed
            ? new V1.RectificationCompleted(e.Data.OrderId, e.Data.CompanyId, e.Data.InspectionId, e.Data.On, e.Data.VerifiedAt)
            : null)
        .Map<RectificationEscalated>(e => new V1.RectificationEscalated(
            e.Data.OrderId, e.Data.CompanyId, IntegrationEventMap.Wire(e.Data.Level), e.Data.Deadline, e.Data.On, e.Data.EscalatedAt))
        .Map<ProjectCompleted>(e => new V1.ProjectCompleted(
            e.Data.ProjectId, IntegrationEventMap.Wire(e.Data.Kind), e.Data.EstateId, e.Data.CommunityId, e.Data.HouseholdsBenefiting, e.Data.ParkingSpaces,
            e.Data.CompletedOn, e.Data.RecordedAt));
}
