using System.Globalization;

namespace RedProperty.Organization.Instructors;

public sealed record ComplianceRow(Guid InstructorId, string InstructorName, Guid CompanyId, int Visits, int Minimum, bool BelowMinimum);

public sealed record MonthlyCompliance(string Month, int Minimum, bool Closed, IReadOnlyList<ComplianceRow> Rows);

public static class VisitCompliance
{
    /// <summary>Each instructor visits each assigned company at least twice a month.</summary>
    public const int MinimumVisitsPerMonth = 2;

    public static string Name(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly ParseMonth(string? value) =>
        DateOnly.TryParseExact($"{value}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
        && PlausibleDates.Contains(month)
            ? month
            : throw new InvalidFieldException("month", "Use a month such as 2022-06, between 1900-01 and 2099-12.");

    /// <summary>
    /// Visits in the month for every assignment that covered part of it. Only visits inside the
    /// assignment count. An assignment that covers only part of the month owes visits pro rata:
    /// ⌈2 × days covered ÷ days in the month⌉ (from the 16th of a 30-day month: 1).
    /// </summary>
    public static IReadOnlyList<ComplianceRow> Evaluate(IEnumerable<InstructorDetails> instructors, DateOnly month)
    {
        var first = DistrictCalendar.MonthOf(month);
        var last = first.AddMonths(1).AddDays(-1);
        return instructors
            .SelectMany(i => i.Assignments
                .Where(a => a.From <= last && (a.To is null || a.To >= first))
                .Select(a =>
                {
                    var from = a.From > first ? a.From : first;
                    var to = a.To is { } end && end < last ? end : last;
                    var visits = i.Visits.Count(v => v.CompanyId == a.CompanyId && v.On >= from && v.On <= to);
                    var owed = Owed(to.DayNumber - from.DayNumber + 1, last.Day);
                    return new ComplianceRow(i.Id, i.Name, a.CompanyId, visits, owed, visits < owed);
                }))
            .OrderBy(r => r.InstructorName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The visits an assignment covering <paramref name="days"/> of a month of <paramref name="daysInMonth"/> owes.</summary>
    public static int Owed(int days, int daysInMonth) => ((MinimumVisitsPerMonth * days) + daysInMonth - 1) / daysInMonth;

    /// <summary>Derived from the month, so every instance names the same stream.</summary>
    public static Guid StreamId(DateOnly month) =>
        StreamIds.Named($"instructor-month-close:{Name(month)}");
}

public static class ComplianceEndpoints
{
    public static async Task<Ok<MonthlyCompliance>> Get(string? month, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var which = month is null ? DistrictCalendar.MonthOf(DistrictCalendar.Today(time.GetUtcNow())) : VisitCompliance.ParseMonth(month);
        var instructors = await session.Query<InstructorDetails>().ToListAsync(cancellationToken);
        var closed = await session.Events.FetchStreamStateAsync(VisitCompliance.StreamId(which), cancellationToken) is not null;
        return TypedResults.Ok(new MonthlyCompliance(
            VisitCompliance.Name(which), VisitCompliance.MinimumVisitsPerMonth, closed, VisitCompliance.Evaluate(instructors, which)));
    }
}
