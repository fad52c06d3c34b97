using System.Globalization;
using System.Text.Json;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// The <c>asOf</c> and <c>knownAt</c> query parameters of ledgers and summaries: a date
/// (<c>2022-06-30</c>, meaning the end of that day in China Standard Time, the district's time) or an
/// instant with an offset (<c>2022-06-30T12:00:00+08:00</c>). Absent means now.
/// </summary>
public static class AsOf
{
    public const string ParameterName = "asOf";

    public const string KnownAtName = "knownAt";

    public static DateTimeOffset Parse(string? value, TimeProvider time, string parameterName = ParameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return time.GetUtcNow();
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (!PlausibleDates.Contains(date))
            {
                throw new InvalidFieldException(parameterName, PlausibleDates.Message);
            }

            return new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), DistrictCalendar.Offset).ToUniversalTime();
        }

        // An unencoded "+08:00" arrives as " 08:00".
        var text = value.Trim().Replace(' ', '+');
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            if (!PlausibleDates.Contains(instant))
            {
                throw new InvalidFieldException(parameterName, PlausibleDates.Message);
            }

            return instant.ToUniversalTime();
        }

        throw new InvalidFieldException(parameterName, "Use a date (2022-06-30) or an instant with an offset (2022-06-30T12:00:00+08:00).");
    }
}

/// <summary>A day in a query (<c>from</c>, <c>to</c>): <c>yyyy-MM-dd</c>, or 400 naming the parameter.</summary>
public static class Days
{
    public static DateOnly? Parse(string? value, string parameterName) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && PlausibleDates.Contains(day) ? day
        : throw new InvalidFieldException(parameterName, $"A day, yyyy-MM-dd; {PlausibleDates.Message}");
}

/// <summary>An enumeration in a query, spelt as in JSON (<c>parkingSpaces</c>), case-insensitive, or 400 naming the parameter.</summary>
public static class QueryEnum
{
    public static TEnum? Parse<TEnum>(string? value, string parameterName) where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw new InvalidFieldException(parameterName, $"One of: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)))}.");
}
