namespace RedProperty.BuildingBlocks;

/// <summary>Days and months as the district counts them: China Standard Time (UTC+8), defined here once for every service.</summary>
public static class DistrictCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(Offset).DateTime);

    /// <summary>
    /// The day a recorded fact took effect: the day given, or today when none is; a day still to come
    /// is refused (the ledger records what has happened).
    /// </summary>
    public static DateOnly FactDay(DateOnly? given, DateTimeOffset now, string what)
    {
        var today = Today(now);
        if (given is { } day && day > today)
        {
            throw new DomainException($"A {what} on {day:yyyy-MM-dd} has not happened yet.");
        }

        return given ?? today;
    }

    /// <summary>A period of days from <paramref name="from"/> to <paramref name="to"/>, both included; open when <paramref name="to"/> is null.</summary>
    public static bool Covers(DateOnly from, DateOnly? to, DateOnly day) => from <= day && (to is null || day <= to);

    /// <summary>The first day of the month <paramref name="day"/> is in; months are named by their first day.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The instant a month begins in the district.</summary>
    public static DateTimeOffset StartOf(DateOnly month) => new(new DateTime(month.Year, month.Month, 1), Offset);
}
