using System.Security.Cryptography;
using System.Text;

namespace RedProperty.Volunteering.Volunteers;

/// <summary>A volunteer's certificate: hours and stars with a code anyone can verify.</summary>
public sealed record Certificate(Guid VolunteerId, string Name, decimal Hours, int Stars, DateOnly IssuedOn, string Code);

public static class Certificates
{
    public static Certificate Issue(VolunteerDetails volunteer, DateOnly on, PersonKey keys) =>
        new(volunteer.Id, volunteer.Name, volunteer.Hours, volunteer.Stars, on, keys.Sign($"{volunteer.Id}|{volunteer.Hours:0.0}|{volunteer.Stars}|{on:yyyy-MM-dd}"));

    public static bool Verify(Guid volunteerId, decimal hours, int stars, DateOnly issuedOn, string code, PersonKey keys) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(keys.Sign($"{volunteerId}|{hours:0.0}|{stars}|{issuedOn:yyyy-MM-dd}")), Encoding.ASCII.GetBytes(code.ToUpperInvariant()));
}
