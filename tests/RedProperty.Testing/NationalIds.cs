namespace RedProperty.Testing;

/// <summary>
/// Valid resident ID numbers for test data, computed independently of the production validator
/// (GB 11643-1999: weights 2^(17-i) mod 11, check character "10X98765432"[sum mod 11]).
/// </summary>
public static class NationalIds
{
    private static int _counter = Random.Shared.Next(100_000);

    /// <summary>A fresh number of a person born in Maiji District (620503) in the 1980s.</summary>
    public static string Next()
    {
        var serial = Interlocked.Increment(ref _counter);
        var birth = new DateOnly(1980, 1, 1).AddDays(serial / 1000 % 3650);
        var body = $"620503{birth:yyyyMMdd}{serial % 1000:D3}";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * (int)(Math.Pow(2, 17 - i) % 11);
        }

        return body + "10X98765432"[sum % 11];
    }
}
