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

public sealed class VolunteerDetailsProjection : SingleStreamProjection<VolunteerDetails, Guid>
{
    public static VolunteerDetails Create(VolunteerRegistered e) => VolunteerDetails.Create(e);

    public static VolunteerDetails Apply(VolunteerHoursRecorded e, VolunteerDetails v) => v with { Hours = v.Hours + e.Hours };
}

public sealed class VolunteerContactProjection : SingleStreamProjection<VolunteerContact, Guid>
{
    public static VolunteerContact Create(VolunteerRegistered e) => new(e.VolunteerId, e.Phone);
}
