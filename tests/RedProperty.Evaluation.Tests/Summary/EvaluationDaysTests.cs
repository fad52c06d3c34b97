using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Summary;

namespace RedProperty.Evaluation.Tests.Summary;

// The summary's per-day counts: each fact on its district day (UTC+8), a reopening taking its resolution back from
// the day the resolution was made, so the sum up to any day is what the complaints say as of that day.
public sealed class EvaluationDaysTests
{
    private static readonly TimeSpan Tianshui = TimeSpan.FromHours(8);

    private static Dictionary<string, EvaluationDay> Fold(params object[] events)
    {
        var projection = new EvaluationDaysProjection();
        var days = new Dictionary<string, EvaluationDay>();
        foreach (var e in events)
        {
            var key = EvaluationDay.KeyOf(projection.CountedOn(e));
            var day = days.TryGetValue(key, out var known) ? known : days[key] = new EvaluationDay { Id = key };
            _ = e switch
            {
                ComplaintFiled f => projection.Apply(f, day),
                ComplaintResolved r => projection.Apply(r, day),
                ComplaintReopened r => projection.Apply(r, day),
                ComplaintOverdue o => projection.Apply(o, day),
                _ => throw new ArgumentException(e.GetType().Name),
            };
        }

        return days;
    }

    private static (int Filed, int Resolved, int Overdue) AsOf(Dictionary<string, EvaluationDay> days, DateOnly on)
    {
        var counted = days.Values.Where(d => d.Day <= on).ToList();
        return (counted.Sum(d => d.ComplaintsFiled), counted.Sum(d => d.ComplaintsResolved), counted.Sum(d => d.ComplaintsOverdue));
    }

    private static ComplaintFiled Filed(Guid id, DateTimeOffset at) => new(
        id, "sanitation", "3号楼楼道垃圾无人清运", new ComplaintLocation(Guid.CreateVersion7(), Guid.CreateVersion7(), null, null, null), null,
        new Complainant("王建国", "13893800123", null, null), new Dictionary<string, string>(), null, "api", at.AddDays(3), at);

    [Fact]
    public void Facts_count_on_their_district_day_and_a_reopening_takes_back_the_resolution_from_its_own_day()
    {
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        // 23:30 on 31 March in Tianshui is still March; 00:30 on 1 April (16:30 UTC on 31 March) is April.
        var lateMarch = new DateTimeOffset(2025, 3, 31, 23, 30, 0, Tianshui);
        var earlyApril = new DateTimeOffset(2025, 3, 31, 16, 30, 0, TimeSpan.Zero);
        var days = Fold(
            Filed(first, lateMarch),
            Filed(second, earlyApril),
            new ComplaintResolved(first, null, null, "已清运", "社区", new DateTimeOffset(2025, 4, 2, 10, 0, 0, Tianshui)),
            new ComplaintReopened(first, "次日又堆满", "社区", new DateTimeOffset(2025, 4, 10, 9, 0, 0, Tianshui), new DateTimeOffset(2025, 4, 2, 10, 0, 0, Tianshui)),
            new ComplaintResolved(first, null, null, "复查已清运", "社区", new DateTimeOffset(2025, 4, 12, 10, 0, 0, Tianshui)),
            new ComplaintOverdue(second, null, null, null, earlyApril.AddDays(3), new DateTimeOffset(2025, 4, 20, 0, 0, 0, Tianshui)));

        Assert.Equal((1, 0, 0), AsOf(days, new DateOnly(2025, 3, 31)));
        Assert.Equal((2, 0, 0), AsOf(days, new DateOnly(2025, 4, 1)));
        // Resolved on the 2nd, reopened on the 10th: as the complaint stands, unresolved until the 12th, so not counted on the 5th.
        Assert.Equal((2, 0, 1), AsOf(days, new DateOnly(2025, 4, 5)));
        Assert.Equal((2, 1, 1), AsOf(days, new DateOnly(2025, 4, 12)));
    }

    [Fact]
    public void The_reopening_names_the_resolution_it_undoes()
    {
        var id = Guid.CreateVersion7();
        var resolvedAt = new DateTimeOffset(2025, 4, 2, 10, 0, 0, Tianshui);
        var complaint = Complaint.Create(Filed(id, resolvedAt.AddDays(-1))).Apply(new ComplaintResolved(id, null, null, "已清运", "社区", resolvedAt));

        var reopened = Assert.IsType<ComplaintReopened>(Assert.Single(ReopenComplaintDecider.Decide(complaint, new ReopenComplaint("次日又堆满"), "社区", resolvedAt.AddDays(8))));
        Assert.Equal(resolvedAt, reopened.ResolvedAt);
        Assert.Null(complaint.Apply(reopened).ResolvedAt);
    }
}
