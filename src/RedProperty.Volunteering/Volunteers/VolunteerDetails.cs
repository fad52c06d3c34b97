using Marten.Events.Aggregation;

namespace RedProperty.Volunteering.Volunteers;

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

// Personal fields are sealed in the event (see PersonalData): opened here, or read as erased once the key is gone.
public sealed class VolunteerDetailsProjection : PersonalDataProjection<VolunteerDetails, VolunteerRegistered>
{
    public static async Task<VolunteerDetails> Create(VolunteerRegistered e, IQuerySession session)
    {
        var unsealer = await PersonalData.UnsealerAsync(session, e.VolunteerId);
        return VolunteerDetails.Create(e with { Name = unsealer.Unseal(e.Name)!, IdNumberTail = unsealer.Unseal(e.IdNumberTail)! });
    }

    public static VolunteerDetails Apply(VolunteerHoursRecorded e, VolunteerDetails v) => v with { Hours = v.Hours + e.Hours };

    /// <summary>Name and ID tail are gone; hours, stars and every count stay.</summary>
    public static VolunteerDetails Apply(PersonalDataErased e, VolunteerDetails v) => v with { Name = PersonalData.Erased, IdNumberTail = PersonalData.Erased };
}

public sealed class VolunteerContactProjection : PersonalDataProjection<VolunteerContact, VolunteerRegistered>
{
    public static async Task<VolunteerContact> Create(VolunteerRegistered e, IQuerySession session) =>
        new(e.VolunteerId, await PersonalData.UnsealAsync(session, e.VolunteerId, e.Phone));

    public static VolunteerContact Apply(PersonalDataErased e, VolunteerContact c) => c with { Phone = c.Phone is null ? null : PersonalData.Erased };
}
