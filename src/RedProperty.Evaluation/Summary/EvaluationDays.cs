using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Inspections;

namespace RedProperty.Evaluation.Summary;

/// <summary>
/// What a district day adds to the evaluation summary: complaints filed (by when they were filed), resolved (by
/// when; a reopening takes the resolution back from its own day), marked overdue (by when they fell due), and spot
/// inspections made.
/// </summary>
public sealed class EvaluationDay : DayCounts
{
    public int ComplaintsFiled { get; set; }

    public int ComplaintsResolved { get; set; }

    public int ComplaintsOverdue { get; set; }

    public int InspectionsMade { get; set; }
}

public sealed class EvaluationDaysProjection : DayCountsProjection<EvaluationDay>
{
    public EvaluationDaysProjection()
    {
        CountOn<ComplaintFiled>(e => DistrictCalendar.Today(e.FiledAt));
        CountOn<ComplaintResolved>(e => DistrictCalendar.Today(e.ResolvedAt));
        // Events of versions before the reopening named its resolution: taken back on the reopening's day.
        CountOn<ComplaintReopened>(e => DistrictCalendar.Today(e.ResolvedAt ?? e.ReopenedAt));
        CountOn<ComplaintOverdue>(e => DistrictCalendar.Today(e.DueAt));
        CountOn<SpotInspectionRecorded>(e => e.On);
    }

    public EvaluationDay Apply(ComplaintFiled e, EvaluationDay day) => Count(day, e, d => d.ComplaintsFiled++);

    public EvaluationDay Apply(ComplaintResolved e, EvaluationDay day) => Count(day, e, d => d.ComplaintsResolved++);

    public EvaluationDay Apply(ComplaintReopened e, EvaluationDay day) => Count(day, e, d => d.ComplaintsResolved--);

    public EvaluationDay Apply(ComplaintOverdue e, EvaluationDay day) => Count(day, e, d => d.ComplaintsOverdue++);

    public EvaluationDay Apply(SpotInspectionRecorded e, EvaluationDay day) => Count(day, e, d => d.InspectionsMade++);
}
