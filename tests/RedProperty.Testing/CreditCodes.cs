namespace RedProperty.Testing;

/// <summary>
/// Valid unified social credit codes for test data, computed independently of the production
/// validator (GB 32100-2015: weights 3^i mod 31, check = 31 − sum mod 31).
/// </summary>
public static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static int _counter = Random.Shared.Next(1_000_000);

    /// <summary>A fresh code of a company registered in Maiji District (620503).</summary>
    public static string Next()
    {
        var serial = Interlocked.Increment(ref _counter);
        var body = string.Create(17, serial, (span, n) =>
        {
            "91620503".AsSpan().CopyTo(span);
            for (var i = 16; i >= 8; i--)
            {
                span[i] = Alphabet[n % 31];
                n /= 31;
            }
        });
        var sum = 0;
        var weight = 1;
        foreach (var c in body)
        {
            sum += Alphabet.IndexOf(c, StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        return body + Alphabet[(31 - (sum % 31)) % 31];
    }
}
