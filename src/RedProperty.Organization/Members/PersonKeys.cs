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

    public string Of(string nationalId) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(ResidentIds.Normalize(nationalId))));
}

/// <summary>One registration per person: the document's id is the person's key, so a second insert fails.</summary>
public sealed record PersonRegistration(string Id, Guid MemberId);
