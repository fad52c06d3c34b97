using RedProperty.Volunteering.Places;

namespace RedProperty.Volunteering.Activities;

public static partial class ActivityDecider
{
    public static IReadOnlyList<object> CheckIn(VolunteerActivity activity, Guid volunteerId, DateTimeOffset at)
    {
        var attendance = activity.Volunteers.FirstOrDefault(v => v.VolunteerId == volunteerId) ?? throw new DomainException("Sign up before checking in.");
        if (attendance.In is not null)
        {
            throw new DomainException("Checked in already.");
        }

        return at < activity.StartsAt.AddHours(-1) || at > activity.EndsAt
            ? throw new DomainException("Check-in is on the day, from an hour before the start until the end.")
            : [new VolunteerCheckedIn(activity.Id, volunteerId, at)];
    }
}

public static class CheckInEndpoint
{
    public static async Task<Ok<ActivityDetails>> Handle(
        Guid id, VolunteerAt command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await KnownPlaces.RequireScoped<ActivityDetails>(http.User, session, id, a => a.CommunityId, cancellationToken);
        return await session.Change<VolunteerActivity, ActivityDetails>(id, expected, a => ActivityDecider.CheckIn(a, command.VolunteerId, command.At ?? time.GetUtcNow()), http.Response, cancellationToken);
    }
}
