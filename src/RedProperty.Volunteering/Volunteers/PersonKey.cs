using System.Security.Cryptography;
using System.Text;

namespace RedProperty.Volunteering.Volunteers;

/// <summary>The key of ID-number hashes (<c>Volunteers:PersonKey</c>; a clearly named development default otherwise).</summary>
public sealed class PersonKey(IConfiguration configuration, IHostEnvironment environment)
{
    public const string DevelopmentKey = "redproperty-dev-volunteer-person-key";

    private readonly byte[] _key = Secrets.Require(configuration, environment, "Volunteers:PersonKey", DevelopmentKey);

    public string Of(string idNumber) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(idNumber.Trim().ToUpperInvariant())));

    /// <summary>A short code that proves a certificate's figures were issued here (HMAC, first 12 hex characters).</summary>
    public string Sign(string text) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"certificate:{text}")))[..12];
}

/// <summary>One record per person: the id is the keyed hash of the ID number.</summary>
public sealed record VolunteerPerson(string Id, Guid VolunteerId);
