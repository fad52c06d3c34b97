using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Teams;

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

public static class ScheduleActivityEndpoint
{
    public static async Task<Created<ActivityDetails>> Handle(ScheduleActivity command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var estate = await KnownPlaces.Estate(session, command.EstateId, "estateId", cancellationToken);
        KnownPlaces.RequireCommunity(http.User, estate.CommunityId);
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
}
