using Marten.Events.Projections;
using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Inspections;

namespace RedProperty.Evaluation.Summary;

/// <summary>
/// What happened on one district day (UTC+8) that the summary counts: complaints filed (by when they were
/// filed), resolved (by when; a reopening takes the resolution back from its own day), marked overdue (by
/// when they fell due), and spot inspections made. The summary sums the days up to the one asked, so its
/// cost grows with the days in the store, not with the complaints: a city-year is 365 rows, not 150,000.
/// </summary>
public sealed class EvaluationDay
{
    /// <summary>yyyy-MM-dd.</summary>
    public string Id { get; set; } = "";

    public DateOnly Day { get; set; }

    public int ComplaintsFiled { get; set; }

    public int ComplaintsResolved { get; set; }

    public int ComplaintsOverdue { get; set; }

    public int InspectionsMade { get; set; }

    public static string KeyOf(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Kept by the async daemon, one writer per store, so concurrent filings never overwrite each other's count;
/// the summary's counts follow the writes by the daemon's polling interval.
/// </summary>
public sealed class EvaluationDaysProjection : MultiStreamProjection<EvaluationDay, string>
{
    public EvaluationDaysProjection()
    {
        Identity<ComplaintFiled>(Key);
        Identity<ComplaintResolved>(Key);
        Identity<ComplaintReopened>(Key);
        Identity<ComplaintOverdue>(Key);
        Identity<SpotInspectionRecorded>(Key);
    }

    /// <summary>The district day an event is counted on.</summary>
    public static DateOnly CountedOn(object e) => e switch
    {
        ComplaintFiled f => DistrictCalendar.Today(f.FiledAt),
        ComplaintResolved r => DistrictCalendar.Today(r.ResolvedAt),
        // Events of versions before the reopening named its resolution: taken back on the reopening's day.
        ComplaintReopened r => DistrictCalendar.Today(r.ResolvedAt ?? r.ReopenedAt),
        ComplaintOverdue o => DistrictCalendar.Today(o.DueAt),
        SpotInspectionRecorded i => i.On,
        _ => throw new ArgumentException($"{e.GetType().Name} is not counted per day.", nameof(e)),
    };

    public static EvaluationDay Apply(ComplaintFiled e, EvaluationDay day) => Count(day, e, d => d.ComplaintsFiled++);

    public static EvaluationDay Apply(ComplaintResolved e, EvaluationDay day) => Count(day, e, d => d.ComplaintsResolved++);

    public static EvaluationDay Apply(ComplaintReopened e, EvaluationDay day) => Count(day, e, d => d.ComplaintsResolved--);

    public static EvaluationDay Apply(ComplaintOverdue e, EvaluationDay day) => Count(day, e, d => d.ComplaintsOverdue++);

    public static EvaluationDay Apply(SpotInspectionRecorded e, EvaluationDay day) => Count(day, e, d => d.InspectionsMade++);

    private static string Key(object e) => EvaluationDay.KeyOf(CountedOn(e));

    private static EvaluationDay Count(EvaluationDay day, object e, Action<EvaluationDay> count)
    {
        day.Day = CountedOn(e);
        count(day);
        return day;
    }
}
