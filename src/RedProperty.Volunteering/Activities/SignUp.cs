using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Activities;

public static partial class ActivityDecider
{
    /// <param name="at">When the volunteer signed up: now, or earlier when a team's sign-up sheet is recorded after the activity.</param>
    public static IReadOnlyList<object> SignUp(VolunteerActivity activity, Guid volunteerId, DateTimeOffset at, DateTimeOffset now)
    {
        if (activity.HeldOn is not null || at >= activity.EndsAt)
        {
            throw new DomainException("Sign-up closes when the activity ends.");
        }

        if (at > now)
        {
            throw new InvalidFieldException("at", "A sign-up is recorded when it happened, not ahead of time.");
        }

        if (activity.Volunteers.Any(v => v.VolunteerId == volunteerId))
        {
            throw new DomainException("Signed up already.");
        }

        return activity.Volunteers.Count >= activity.Capacity
            ? throw new DomainException($"The activity is full ({activity.Capacity}).")
            : [new VolunteerSignedUp(activity.Id, volunteerId, at)];
    }
}

public static class SignUpEndpoint
{
    private static async Task<VolunteerDetails> Volunteer(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await session.LoadAsync<VolunteerDetails>(id, cancellationToken) ?? throw new InvalidFieldException("volunteerId", $"No volunteer with id {id}.");

    public static async Task<Ok<ActivityDetails>> Handle(
        Guid id, VolunteerAt command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = http.Response;
        await KnownPlaces.RequireScoped<ActivityDetails>(http.User, session, id, a => a.CommunityId, cancellationToken);
        await Volunteer(session, command.VolunteerId, cancellationToken);
        return await session.Change<VolunteerActivity, ActivityDetails>(id, expected, a => ActivityDecider.SignUp(a, command.VolunteerId, command.At ?? time.GetUtcNow(), time.GetUtcNow()), response, cancellationToken);
    }
}
