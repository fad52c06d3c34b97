using System.Security.Cryptography;
using System.Text;

namespace RedProperty.Organization.Members;

/// <summary>
/// One person, one record, without keeping the national ID number (居民身份证号码): the ledger keeps
/// an HMAC-SHA256 of it under a key from configuration (<c>Members:PersonKey</c>), so equal numbers
/// match while the stored value reveals nothing and cannot be brute-forced without the key.
/// </summary>
public sealed class PersonKeys
{
    public const string DevelopmentKey = "redproperty-dev-person-key";
    private readonly byte[] _key;

    public PersonKeys(IConfiguration configuration, IHostEnvironment environment) =>
        _key = Secrets.Require(configuration, environment, "Members:PersonKey", DevelopmentKey);

    public string Of(string nationalId) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(NationalIds.Normalize(nationalId))));
}

/// <summary>One registration per person: the document's id is the person's key, so a second insert fails.</summary>
public sealed record PersonRegistration(string Id, Guid MemberId);

/// <summary>Resident identity card numbers (GB 11643-1999): 17 digits, the 7th–14th a birth date, and a check character (0–9 or X).</summary>
public static class NationalIds
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        if (value is null || Normalize(value) is not { Length: 18 } id || !id[..17].All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(id[6..14], "yyyyMMdd", out _))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * Weights[i];
        }

        return id[17] == Checks[sum % 11];
    }
}
