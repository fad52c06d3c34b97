using Marten.Events.Aggregation;

namespace RedProperty.Evaluation.Inspections;

public sealed record InspectionDetails(
    Guid Id, Guid EstateId, Guid CommunityId, Guid CompanyId, DateOnly On, string Inspector, IReadOnlyList<Finding> Findings,
    decimal Score, decimal MaxScore, bool Serious, bool Passed, Guid? RectificationId, DateTimeOffset RecordedAt) : IVersioned
{
    public long Version { get; set; }

    public static InspectionDetails Create(SpotInspectionRecorded e) =>
        new(e.InspectionId, e.EstateId, e.CommunityId, e.CompanyId, e.On, e.Inspector, e.Findings, e.Score, e.MaxScore, e.Serious, e.Passed,
            e.RectificationId, e.RecordedAt)
        { Version = 1 };
}

public sealed class InspectionDetailsProjection : SingleStreamProjection<InspectionDetails, Guid>
{
    public static InspectionDetails Create(SpotInspectionRecorded e) => InspectionDetails.Create(e);
}
