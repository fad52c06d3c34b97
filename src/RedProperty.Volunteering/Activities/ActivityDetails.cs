using Marten.Events.Aggregation;

namespace RedProperty.Volunteering.Activities;

public sealed record ActivityDetails(
    Guid Id, Guid? TeamId, string Type, string Title, Guid EstateId, Guid CommunityId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity) : IVersioned
{
    public IReadOnlyList<Attendance> Volunteers { get; init; } = [];

    public DateOnly? HeldOn { get; init; }

    public IReadOnlyDictionary<string, int> Outcomes { get; init; } = new Dictionary<string, int>();

    public decimal Hours { get; init; }

    public long Version { get; set; }
}

public sealed class ActivityDetailsProjection : SingleStreamProjection<ActivityDetails, Guid>
{
    public static ActivityDetails Create(ActivityScheduled e) =>
        new(e.ActivityId, e.TeamId, e.Type, e.Title, e.EstateId, e.CommunityId, e.StartsAt, e.EndsAt, e.Capacity) { Version = 1 };

    public static ActivityDetails Apply(VolunteerSignedUp e, ActivityDetails a) => a with { Volunteers = [.. a.Volunteers, new Attendance(e.VolunteerId, null, null, 0)] };

    public static ActivityDetails Apply(VolunteerCheckedIn e, ActivityDetails a) =>
        a with { Volunteers = [.. a.Volunteers.Select(v => v.VolunteerId == e.VolunteerId ? v with { In = e.At } : v)] };

    public static ActivityDetails Apply(VolunteerCheckedOut e, ActivityDetails a) =>
        a with { Volunteers = [.. a.Volunteers.Select(v => v.VolunteerId == e.VolunteerId ? v with { Out = e.At, Hours = e.Hours } : v)] };

    public static ActivityDetails Apply(ActivityHeld e, ActivityDetails a) => a with { HeldOn = e.HeldOn, Outcomes = e.Outcomes, Hours = e.Hours };
}
