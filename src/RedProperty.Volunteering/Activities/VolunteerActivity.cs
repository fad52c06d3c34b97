namespace RedProperty.Volunteering.Activities;

// A volunteer activity at an estate (志愿服务活动), stream id = activity id: scheduled with a
// capacity, volunteers sign up, check in and out on site (their hours are the time between, travel
// excluded), and it is recorded as held with its outcomes.

public sealed record ActivityScheduled(
    Guid ActivityId, Guid? TeamId, string Type, string Title, Guid EstateId, Guid CommunityId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity,
    DateTimeOffset ScheduledAt);

public sealed record VolunteerSignedUp(Guid ActivityId, Guid VolunteerId, DateTimeOffset At);

public sealed record VolunteerCheckedIn(Guid ActivityId, Guid VolunteerId, DateTimeOffset At);

public sealed record VolunteerCheckedOut(Guid ActivityId, Guid VolunteerId, DateTimeOffset At, decimal Hours);

/// <param name="Outcomes">What was achieved, by the activity type's measures (e.g. advertsRemoved: 46, clutterLoads: 3).</param>
public sealed record ActivityHeld(Guid ActivityId, Guid CommunityId, Guid EstateId, string Type, DateOnly HeldOn, IReadOnlyDictionary<string, int> Outcomes, int Volunteers, decimal Hours, DateTimeOffset RecordedAt)
    : IDatedFact
{
    public DateOnly TookEffectOn() => HeldOn;
}

public sealed record Attendance(Guid VolunteerId, DateTimeOffset? In, DateTimeOffset? Out, decimal Hours);

public sealed record VolunteerActivity(
    Guid Id, string Type, Guid CommunityId, Guid EstateId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, IReadOnlyList<Attendance> Volunteers, DateOnly? HeldOn)
{
    public static VolunteerActivity Create(ActivityScheduled e) => new(e.ActivityId, e.Type, e.CommunityId, e.EstateId, e.StartsAt, e.EndsAt, e.Capacity, [], null);

    public VolunteerActivity Apply(VolunteerSignedUp e) => this with { Volunteers = [.. Volunteers, new Attendance(e.VolunteerId, null, null, 0)] };

    public VolunteerActivity Apply(VolunteerCheckedIn e) => this with { Volunteers = [.. Volunteers.Select(v => v.VolunteerId == e.VolunteerId ? v with { In = e.At } : v)] };

    public VolunteerActivity Apply(VolunteerCheckedOut e) =>
        this with { Volunteers = [.. Volunteers.Select(v => v.VolunteerId == e.VolunteerId ? v with { Out = e.At, Hours = e.Hours } : v)] };

    public VolunteerActivity Apply(ActivityHeld e) => this with { HeldOn = e.HeldOn };
}
