using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Summary;

/// <summary>
/// The district's volunteering figures as of a day, by the dates things happened. A dispute counts as
/// mediated once closed after at least one mediation session (agreed or not), as resolved (化解, the report's
/// figure) once closed as agreed with the agreement kept at the return visit; open until closed or referred.
/// </summary>
public sealed record VolunteeringSummary(
    DateTimeOffset AsOf, int VolunteerTeams, int ActivitiesHeld, decimal VolunteerHours, int DisputesMediated, int DisputesOpen, int Volunteers, int DisputesResolved);

public static class SummaryApi
{
    private sealed record DaySums(int Teams, int Activities, decimal Hours, int Mediated, int Resolved);

    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/volunteering/summary", async Task<Ok<VolunteeringSummary>> (IQuerySession session, TimeProvider time, string? asOf, CancellationToken ct) =>
            {
                var at = AsOf.Parse(asOf, time);
                var day = DistrictCalendar.Today(at);
                // Days, not facts: the counts cost a row per day however many activities and disputes a day holds.
                var days = await session.Query<VolunteeringDay>().Where(d => d.Day <= day)
                    .Select(d => new DaySums(d.TeamsFormed, d.ActivitiesHeld, d.VolunteerHours, d.DisputesMediated, d.DisputesResolved)).ToListAsync(ct);
                var open = await session.Query<DisputeDetails>()
                    .CountAsync(d => d.RegisteredOn <= day && d.Status != DisputeStatus.Referred && (d.ClosedOn == null || d.ClosedOn > day), ct);
                var volunteers = await session.Query<VolunteerDetails>().CountAsync(v => v.ConsentedOn <= day, ct);
                return TypedResults.Ok(new VolunteeringSummary(at, days.Sum(d => d.Teams), days.Sum(d => d.Activities), days.Sum(d => d.Hours),
                    days.Sum(d => d.Mediated), open, volunteers, days.Sum(d => d.Resolved)));
            })
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithTags("Summary").WithName("GetVolunteeringSummary")
            .WithSummary("volunteerTeams, activitiesHeld, volunteerHours, disputesMediated, disputesResolved, disputesOpen as of a day")
            .WithDescription("asOf=2022-06-30: by the dates things happened (formed, held, served, closed), until the end of that day, UTC+8.");
        return app;
    }
}
