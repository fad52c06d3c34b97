using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// Checks every request body's shape before its own validator runs, the same way for every
/// endpoint: no null items in lists, no list longer than <see cref="MaxItems"/>, no date outside
/// <see cref="PlausibleDates"/>. Errors are keyed by the JSON path, e.g. <c>estates[0]</c>.
/// </summary>
public static class RequestShape
{
    public const int MaxItems = 1_000;
    private const int MaxDepth = 5;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static Dictionary<string, string[]> Check(object request)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(request, "", 0, errors);
        return errors;
    }

    private static void Walk(object value, string path, int depth, Dictionary<string, string[]> errors)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        foreach (var property in Properties.GetOrAdd(value.GetType(), Readable))
        {
            var name = Join(path, char.ToLowerInvariant(property.Name[0]) + property.Name[1..]);
            var child = property.GetValue(value);
            switch (child)
            {
                case null or string:
                    break;
                case DateOnly date when !PlausibleDates.Contains(date):
                    errors[name] = [PlausibleDates.Message];
                    break;
                case DateTimeOffset instant when !PlausibleDates.Contains(instant):
                    errors[name] = [PlausibleDates.Message];
                    break;
                case IEnumerable items:
                    WalkItems(items, name, depth, errors);
                    break;
                default:
                    if (IsComposite(child.GetType()))
                    {
                        Walk(child, name, depth + 1, errors);
                    }

                    break;
            }
        }
    }

    private static void WalkItems(IEnumerable items, string path, int depth, Dictionary<string, string[]> errors)
    {
        var index = 0;
        foreach (var item in items)
        {
            if (index == MaxItems)
            {
                errors[path] = [$"At most {MaxItems} items."];
                return;
            }

            var itemPath = $"{path}[{index}]";
            if (item is null)
            {
                errors[itemPath] = ["Must not be null."];
            }
            else if (item is DateOnly date && !PlausibleDates.Contains(date))
            {
                errors[itemPath] = [PlausibleDates.Message];
            }
            else if (IsComposite(item.GetType()))
            {
                Walk(item, itemPath, depth + 1, errors);
            }

            index++;
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();

    // Records and classes of the request; not primitives, strings, ids, enums or dates.
    private static bool IsComposite(Type type) =>
        !type.IsPrimitive && !type.IsEnum && type != typeof(string) && type != typeof(Guid) && type != typeof(decimal)
        && type != typeof(DateOnly) && type != typeof(DateTimeOffset) && type != typeof(DateTime) && type != typeof(TimeOnly)
        && Nullable.GetUnderlyingType(type) is null;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

/// <summary>The dates this system accepts anywhere: wide enough for a party member admitted long ago,
/// narrow enough that date arithmetic (a month's end, a year back) can never overflow.</summary>
public static class PlausibleDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);
    public const string Message = "Use a date between 1900-01-01 and 2099-12-31.";

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));
}
