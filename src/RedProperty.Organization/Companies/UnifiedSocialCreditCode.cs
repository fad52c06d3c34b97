namespace RedProperty.Organization.Companies;

/// <summary>
/// The 18-character unified social credit code (统一社会信用代码) of GB 32100-2015: 17 characters
/// from a 31-character alphabet (digits and capitals without I, O, S, V, Z) and a check character.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trims and upper-cases what people type; the stored form.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static bool HasValidCharacters(string code) => code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    public static bool HasValidCheckCharacter(string code) =>
        code.Length == Length && HasValidCharacters(code) && CheckCharacter(code.AsSpan(0, Length - 1)) == code[^1];

    /// <summary>The check character for the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
