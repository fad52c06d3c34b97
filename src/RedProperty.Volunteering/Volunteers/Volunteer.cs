using System.Security.Cryptography;
using System.Text;
using Marten.Events.Aggregation;
using RedProperty.Volunteering.Directory;

namespace RedProperty.Volunteering.Volunteers;

// A volunteer (志愿者), stream id = volunteer id: a party member of a property company, an owners'
// committee member or a community grid worker (网格员), who consented to be recorded. The phone and
// the ID number never leave this service: the ID number is kept only as a keyed hash (one person,
// one record) and its last four characters.

public enum VolunteerSource
{
    PartyMember,
    OwnersCommittee,
    GridWorker,
}

public enum HoursKind
{
    Activity,
    Mediation,
}

public sealed record VolunteerRegistered(
    Guid VolunteerId, VolunteerSource Source, string Name, Guid CommunityId, Guid? PartyMemberId, string? Phone, string IdNumberKey, string IdNumberTail,
    DateOnly ConsentedOn, DateTimeOffset RegisteredAt);

/// <summary>Service time, as the civil-affairs volunteer record keeps it: on site only, travel excluded.</summary>
public sealed record VolunteerHoursRecorded(Guid VolunteerId, HoursKind Kind, Guid SourceId, decimal Hours, DateOnly On, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record Volunteer(Guid Id, Guid CommunityId, decimal Hours)
{
    public static Volunteer Create(VolunteerRegistered e) => new(e.VolunteerId, e.CommunityId, 0);

    public Volunteer Apply(VolunteerHoursRecorded e) => this with { Hours = Hours + e.Hours };
}

/// <summary>One record per person: the id is the keyed hash of the ID number.</summary>
public sealed record VolunteerPerson(string Id, Guid VolunteerId);

/// <summary>Star levels of the volunteer record (星级志愿者): 1 to 5 stars at 100, 300, 600, 1,000 and 1,500 hours.</summary>
public static class StarLevels
{
    public static readonly decimal[] Thresholds = [100, 300, 600, 1000, 1500];

    public static int Of(decimal hours) => Thresholds.Count(t => hours >= t);
}

public sealed record VolunteerDetails(Guid Id, VolunteerSource Source, string Name, Guid CommunityId, Guid? PartyMemberId, string IdNumberTail, DateOnly ConsentedOn, DateTimeOffset RegisteredAt)
    : IVersioned
{
    public decimal Hours { get; init; }

    public int Stars => StarLevels.Of(Hours);

    public long Version { get; set; }

    public static VolunteerDetails Create(VolunteerRegistered e) =>
        new(e.VolunteerId, e.Source, e.Name, e.CommunityId, e.PartyMemberId, e.IdNumberTail, e.ConsentedOn, e.RegisteredAt) { Version = 1 };
}

public sealed record VolunteerContact(Guid Id, string? Phone);

public sealed class VolunteerDetailsProjection : SingleStreamProjection<VolunteerDetails, Guid>
{
    public static VolunteerDetails Create(VolunteerRegistered e) => VolunteerDetails.Create(e);

    public static VolunteerDetails Apply(VolunteerHoursRecorded e, VolunteerDetails v) => v with { Hours = v.Hours + e.Hours };
}

public sealed class VolunteerContactProjection : SingleStreamProjection<VolunteerContact, Guid>
{
    public static VolunteerContact Create(VolunteerRegistered e) => new(e.VolunteerId, e.Phone);
}

/// <summary>The key of ID-number hashes (<c>Volunteers:PersonKey</c>; a clearly named development default otherwise).</summary>
public sealed class PersonKey(IConfiguration configuration, IHostEnvironment environment)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(configuration["Volunteers:PersonKey"] is { Length: > 0 } key
        ? key
        : environment.IsDevelopment() ? "redproperty-dev-volunteer-person-key" : throw new InvalidOperationException("Volunteers:PersonKey is not configured."));

    public string Of(string idNumber) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(idNumber.Trim().ToUpperInvariant())));

    /// <summary>A short code that proves a certificate's figures were issued here (HMAC, first 12 hex characters).</summary>
    public string Sign(string text) => Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"certificate:{text}")))[..12];
}

/// <summary>Register a volunteer; consent to the record is required.</summary>
/// <param name="IdNumber">The resident ID number (18 characters): kept only as a keyed hash and its last four characters.</param>
public sealed record RegisterVolunteer(VolunteerSource Source, string Name, Guid CommunityId, string IdNumber, bool Consent, DateOnly? ConsentedOn = null, string? Phone = null, Guid? PartyMemberId = null);

public sealed class RegisterVolunteerValidator : AbstractValidator<RegisterVolunteer>
{
    public RegisterVolunteerValidator()
    {
        RuleFor(c => c.Source).IsInEnum();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(50);
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.IdNumber).NotEmpty().Matches("^[0-9]{17}[0-9Xx]$").WithMessage("An 18-character resident ID number.");
        RuleFor(c => c.Consent).Equal(true).WithMessage("A volunteer is recorded only with their consent.");
        RuleFor(c => c.Phone).Matches(@"^\+?[0-9][0-9 \-]{4,19}$").WithMessage("A phone number: digits, spaces or dashes, 5 to 20.");
        RuleFor(c => c.PartyMemberId).NotNull().When(c => c.Source == VolunteerSource.PartyMember).WithMessage("A party-member volunteer names the member (Organization's id).");
        RuleFor(c => c.PartyMemberId).Null().When(c => c.Source != VolunteerSource.PartyMember).WithMessage("Only a party-member volunteer names a party member.");
    }
}

public static class RegisterVolunteerEndpoint
{
    public static async Task<Created<VolunteerDetails>> Handle(
        RegisterVolunteer command, HttpContext http, IDocumentSession session, TimeProvider time, PersonKey keys, CancellationToken cancellationToken)
    {
        await Places.Community(session, command.CommunityId, "communityId", cancellationToken);
        await Places.RequireCommunity(http.User, session, command.CommunityId, cancellationToken);
        if (command.PartyMemberId is { } member && await session.LoadAsync<PartyMemberEntry>(member, cancellationToken) is null)
        {
            throw new InvalidFieldException("partyMemberId", $"No party member with id {member} is known.");
        }

        var now = time.GetUtcNow();
        var idNumber = command.IdNumber.Trim().ToUpperInvariant();
        var registered = new VolunteerRegistered(Guid.CreateVersion7(now), command.Source, command.Name.Trim(), command.CommunityId, command.PartyMemberId,
            Text.OrNull(command.Phone), keys.Of(idNumber), idNumber[^4..], DistrictCalendar.FactDay(command.ConsentedOn, now, "consent"), now);
        return await session.StartReserved<Volunteer, VolunteerDetails, VolunteerPerson>(
            new VolunteerPerson(registered.IdNumberKey, registered.VolunteerId),
            async _ =>
            {
                await using var fresh = session.DocumentStore.QuerySession();
                var existing = await fresh.LoadAsync<VolunteerPerson>(registered.IdNumberKey, CancellationToken.None);
                return new AlreadyExistsException("This person is a registered volunteer already.", $"/api/volunteering/volunteers/{existing?.VolunteerId}");
            },
            registered.VolunteerId, registered, VolunteerDetails.Create(registered), $"/api/volunteering/volunteers/{registered.VolunteerId}", http.Response, cancellationToken);
    }
}

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
