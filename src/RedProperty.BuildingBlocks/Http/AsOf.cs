using System.Globalization;

namespace RedProperty.BuildingBlocks;

/// <summary>
/// The <c>asOf</c> query parameter of ledgers and summaries: a date (<c>2022-06-30</c>, meaning the
/// end of that day in China Standard Time, the district's time) or an instant with an offset
/// (<c>2022-06-30T12:00:00+08:00</c>). Absent means now.
/// </summary>
public static class AsOf
{
    public const string ParameterName = "asOf";
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static DateTimeOffset Parse(string? value, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return time.GetUtcNow();
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), ChinaStandardTime).ToUniversalTime();
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && value.Contains('T', StringComparison.Ordinal))
        {
            return instant.ToUniversalTime();
        }

        throw new InvalidFieldException(ParameterName, "Use a date (2022-06-30) or an instant with offset (2022-06-30T12:00:00+08:00).");
    }
}
