using RedProperty.Volunteering.Places;

namespace RedProperty.Volunteering.Activities;

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

public static partial class ActivityDecider
{
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

public static class RecordActivityHeldEndpoint
{
    public static async Task<Ok<ActivityDetails>> Handle(
        Guid id, RecordActivityHeld command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, ActivityTypes types,
        CancellationToken cancellationToken)
    {
        await KnownPlaces.RequireScoped<ActivityDetails>(http.User, session, id, a => a.CommunityId, cancellationToken);
        return await session.Change<VolunteerActivity, ActivityDetails>(id, expected, a => ActivityDecider.Held(a, command, types, time.GetUtcNow()), http.Response, cancellationToken);
    }
}
