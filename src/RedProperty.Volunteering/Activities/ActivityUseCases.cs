using RedProperty.Volunteering.Directory;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Activities;

public sealed record ScheduleActivity(string Type, string Title, Guid EstateId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, Guid? TeamId = null);

public sealed class ScheduleActivityValidator : AbstractValidator<ScheduleActivity>
{
    public ScheduleActivityValidator(ActivityTypes types)
    {
        RuleFor(c => c.Type).NotEmpty().Must(t => types.Find(t) is not null).WithMessage(c => $"One of: {string.Join(", ", types.All.Select(t => t.Code))}.");
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.EstateId).NotEmpty();
        RuleFor(c => c.StartsAt).Must(PlausibleDates.Contains).WithMessage(PlausibleDates.Message);
        RuleFor(c => c.EndsAt).GreaterThan(c => c.StartsAt).WithMessage("An activity ends after it starts.")
            .Must((c, end) => end - c.StartsAt <= TimeSpan.FromHours(24)).WithMessage("At most a day long.");
        RuleFor(c => c.Capacity).InclusiveBetween(1, 1000);
    }
}

/// <param name="Outcomes">By the type's measures, e.g. <c>{"advertsRemoved": 46}</c>.</param>
public sealed record RecordActivityHeld(DateOnly HeldOn, IReadOnlyDictionary<string, int>? Outcomes = null);

public sealed class RecordActivityHeldValidator : AbstractValidator<RecordActivityHeld>
{
    public RecordActivityHeldValidator()
    {
        RuleFor(c => c.HeldOn).NotEmpty();
        RuleForEach(c => c.Outcomes).Must(o => o.Value is >= 0 and <= 1_000_000).WithMessage("Between 0 and 1,000,000.");
    }
}

public sealed record VolunteerAt(Guid VolunteerId, DateTimeOffset? At = null);

public sealed class VolunteerAtValidator : AbstractValidator<VolunteerAt>
{
    public VolunteerAtValidator() => RuleFor(c => c.VolunteerId).NotEmpty();
}

public static class ActivityDecider
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

    public static IReadOnlyList<object> Held(VolunteerActivity activity, RecordActivityHeld command, ActivityTypes types, DateTimeOffset now)
    {
        if (activity.HeldOn is { } held)
        {
            throw new DomainException($"Recorded as held on {held:yyyy-MM-dd} already.");
        }

        var on = DistrictCalendar.FactDay(command.HeldOn, now, "activity");
        var measures = types.Find(activity.Type)?.Outcomes ?? [];
        if ((command.Outcomes ?? new Dictionary<string, int>()).Keys.FirstOrDefault(k => !measures.Contains(k)) is { } stray)
        {
            throw new InvalidFieldException($"outcomes.{stray}", $"A {activity.Type} activity records {string.Join(", ", measures)}.");
        }

        var served = activity.Volunteers.Where(v => v.Out is not null).ToList();
        if (served.Count == 0)
        {
            throw new DomainException("Nobody checked out: an activity is held by the volunteers who served.");
        }

        return [new ActivityHeld(activity.Id, activity.CommunityId, activity.EstateId, activity.Type, on, command.Outcomes ?? new Dictionary<string, int>(), served.Count,
            served.Sum(v => v.Hours), now)];
    }
}

public static class ActivityEndpoints
{
    public static async Task<Created<ActivityDetails>> Schedule(ScheduleActivity command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var estate = await Places.Estate(session, command.EstateId, "estateId", cancellationToken);
        await Places.RequireCommunity(http.User, session, estate.CommunityId, cancellationToken);
        if (command.TeamId is { } team && await session.LoadAsync<TeamDetails>(team, cancellationToken) is not { } details)
        {
            throw new InvalidFieldException("teamId", $"No team with id {team}.");
        }

        var now = time.GetUtcNow();
        var scheduled = new ActivityScheduled(Guid.CreateVersion7(now), command.TeamId, command.Type, command.Title.Trim(), estate.Id, estate.CommunityId,
            command.StartsAt, command.EndsAt, command.Capacity, now);
        return await session.Start<VolunteerActivity, ActivityDetails>(scheduled.ActivityId, scheduled,
            new ActivityDetails(scheduled.ActivityId, scheduled.TeamId, scheduled.Type, scheduled.Title, scheduled.EstateId, scheduled.CommunityId, scheduled.StartsAt,
                scheduled.EndsAt, scheduled.Capacity)
            { Version = 1 },
            $"/api/volunteering/activities/{scheduled.ActivityId}", http.Response, cancellationToken);
    }

    private static async Task<VolunteerDetails> Volunteer(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await session.LoadAsync<VolunteerDetails>(id, cancellationToken) ?? throw new InvalidFieldException("volunteerId", $"No volunteer with id {id}.");

    private static Task<ActivityDetails> Scoped(HttpContext http, IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        Places.RequireScoped<ActivityDetails>(http.User, session, id, a => a.CommunityId, cancellationToken);

    public static async Task<Ok<ActivityDetails>> SignUp(
        Guid id, VolunteerAt command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = http.Response;
        await Scoped(http, session, id, cancellationToken);
        await Volunteer(session, command.VolunteerId, cancellationToken);
        return await session.Change<VolunteerActivity, ActivityDetails>(id, expected, a => ActivityDecider.SignUp(a, command.VolunteerId, command.At ?? time.GetUtcNow(), time.GetUtcNow()), response, cancellationToken);
    }

    public static async Task<Ok<ActivityDetails>> CheckIn(
        Guid id, VolunteerAt command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await Scoped(http, session, id, cancellationToken);
        return await session.Change<VolunteerActivity, ActivityDetails>(id, expected, a => ActivityDecider.CheckIn(a, command.VolunteerId, command.At ?? time.GetUtcNow()), http.Response, cancellationToken);
    }

    /// <summary>Checking out also records the hours on the volunteer's record, in the same transaction.</summary>
    public static async Task<Ok<ActivityDetails>> CheckOut(
        Guid id, VolunteerAt command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var response = http.Response;
        await Scoped(http, session, id, cancellationToken);
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

    public static async Task<Ok<ActivityDetails>> Held(
        Guid id, RecordActivityHeld command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, ActivityTypes types,
        CancellationToken cancellationToken)
    {
        await Scoped(http, session, id, cancellationToken);
        return await session.Change<VolunteerActivity, ActivityDetails>(id, expected, a => ActivityDecider.Held(a, command, types, time.GetUtcNow()), http.Response, cancellationToken);
    }
}
