using Marten.Events.Projections;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// What one district day (UTC+8) adds to a summary's counts. A summary as of a day sums the rows up to it, so
/// its cost grows with the days in the store, not with the facts: a city-year is 365 rows, not 150,000.
/// </summary>
public abstract class DayCounts
{
    /// <summary>yyyy-MM-dd.</summary>
    public string Id { get; set; } = "";

    public DateOnly Day { get; set; }

    public static string KeyOf(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Keeps <typeparamref name="TDay"/> rows from the events each counts on a day. Register it with the async
/// lifecycle: the daemon is one writer per store, so concurrent writes never overwrite each other's counts
/// (the summary follows the writes by the daemon's polling interval), and it rebuilds like any projection.
/// </summary>
public abstract class DayCountsProjection<TDay> : MultiStreamProjection<TDay, string>
    where TDay : DayCounts
{
    private readonly Dictionary<Type, Func<object, DateOnly>> _days = [];

    /// <summary>The district day an event is counted on.</summary>
    public DateOnly CountedOn(object e) =>
        _days.TryGetValue(e.GetType(), out var day) ? day(e) : throw new ArgumentException($"{e.GetType().Name} is not counted per day.", nameof(e));

    /// <summary>Events of <typeparamref name="TEvent"/> count on the day <paramref name="day"/> gives.</summary>
    protected void CountOn<TEvent>(Func<TEvent, DateOnly> day)
        where TEvent : notnull
    {
        _days[typeof(TEvent)] = e => day((TEvent)e);
        Identity<TEvent>(e => DayCounts.KeyOf(day(e)));
    }

    protected TDay Count(TDay day, object e, Action<TDay> count)
    {
        day.Day = CountedOn(e);
        count(day);
        return day;
    }
}
