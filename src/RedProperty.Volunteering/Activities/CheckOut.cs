using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Activities;

public static partial class ActivityDecider
{
    /// <summary>Hours on site, in tenths of an hour, rounded down: the time between check-in and check-out.</summary>
    public static IReadOnlyList<object> CheckOut(VolunteerActivity activity, Guid volunteerId, DateTimeOffset at)
    {
        var attendance = activity.Volunteers.FirstOrDefault(v => v.VolunteerId == volunteerId);
        if (attendance?.In is not { } checkedIn)
        {
            throw new DomainException("Check in before checking out.");
        }

        if (attendance.Out is not null)
        {
            throw new DomainException("Checked out already.");
        }

        if (at <= checkedIn || at - checkedIn > TimeSpan.FromHours(24))
        {
            throw new DomainException("Check-out comes after check-in, the same day.");
        }

        var hours = Math.Floor((decimal)(at - checkedIn).TotalHours * 10) / 10;
        return [new VolunteerCheckedOut(activity.Id, volunteerId, at, hours)];
    }
}

public static class CheckOutEndpoint
{
    /// <summary>Checking out also records the hours on the volunteer's record, in the same transaction.</summary>
    public static async Task<Ok<ActivityDetails>> Handle(
        Guid id, VolunteerAt command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = http.Response;
        await KnownPlaces.RequireScoped<ActivityDetails>(http.User, session, id, a => a.CommunityId, cancellationToken);
        var now = time.GetUtcNow();
        return await session.Change<VolunteerActivity, ActivityDetails>(id, expected, activity =>
        {
            var events = ActivityDecider.CheckOut(activity, command.VolunteerId, command.At ?? now);
            var checkedOut = (VolunteerCheckedOut)events[0];
            session.Events.Append(command.VolunteerId, new VolunteerHoursRecorded(command.VolunteerId, HoursKind.Activity, activity.Id, checkedOut.Hours,
                DistrictCalendar.Today(checkedOut.At), now));
            return events;
        }, response, cancellationToken);
    }
}
