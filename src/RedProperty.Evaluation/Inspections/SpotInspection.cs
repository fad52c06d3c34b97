namespace RedProperty.Evaluation.Inspections;

/// <summary>One checklist item found wanting: points deducted, what was seen, photos as evidence.</summary>
/// <param name="Serious">A serious breach (e.g. blocked fire passages): the company is black-listed for the period whatever its score.</param>
public sealed record Finding(string Item, decimal Deduction, string? Note = null, IReadOnlyList<string>? Evidence = null, bool Serious = false);

/// <summary>A spot inspection (现场抽查) of an estate, recorded complete (stream id = inspection id).</summary>
/// <param name="RectificationId">Set when the inspection follows up a rectification order.</param>
public sealed record SpotInspectionRecorded(
    Guid InspectionId, Guid EstateId, Guid CommunityId, Guid CompanyId, DateOnly On, string Inspector, IReadOnlyList<Finding> Findings,
    decimal Score, decimal MaxScore, bool Serious, bool Passed, Guid? RectificationId, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record SpotInspection(Guid Id, Guid CompanyId, DateOnly On, bool Passed)
{
    public static SpotInspection Create(SpotInspectionRecorded e) => new(e.InspectionId, e.CompanyId, e.On, e.Passed);
}
