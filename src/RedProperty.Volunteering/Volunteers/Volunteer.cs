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

/// <summary>Star levels of the volunteer record (星级志愿者): 1 to 5 stars at 100, 300, 600, 1,000 and 1,500 hours.</summary>
public static class StarLevels
{
    public static readonly decimal[] Thresholds = [100, 300, 600, 1000, 1500];

    public static int Of(decimal hours) => Thresholds.Count(t => hours >= t);
}
