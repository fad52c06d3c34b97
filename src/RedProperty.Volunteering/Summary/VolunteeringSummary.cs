using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Teams;
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
    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/volunteering/summary", async Task<Ok<VolunteeringSummary>> (IQuerySession session, TimeProvider time, string? asOf, CancellationToken ct) =>
            {
                var at = AsOf.Parse(asOf, time);
                var day = DistrictCalendar.Today(at);
                var teams = await session.Query<TeamDetails>().CountAsync(t => t.FormedOn <= day, ct);
                var activities = await session.Query<ActivityDetails>().CountAsync(a => a.HeldOn != null && a.HeldOn <= day, ct);
                var hours = (await session.Events.QueryRawEventDataOnly<VolunteerHoursRecorded>().Where(h => h.On <= day).Select(h => h.Hours).ToListAsync(ct)).Sum();
                var disputes = await session.Query<DisputeDetails>().Where(d => d.RegisteredOn <= day).ToListAsync(ct);
                var volunteers = await session.Query<VolunteerDetails>().CountAsync(v => v.ConsentedOn <= day, ct);
                return TypedResults.Ok(new VolunteeringSummary(at, teams, activities, hours,
                    disputes.Count(d => d.Mediated && d.ClosedOn <= day),
                    disputes.Count(d => d.Status != DisputeStatus.Referred && (d.ClosedOn is null || d.ClosedOn > day)),
                    volunteers,
                    disputes.Count(d => d.Resolved && d.ClosedOn <= day)));
            })
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithTags("Summary").WithName("GetVolunteeringSummary")
            .WithSummary("volunteerTeams, activitiesHeld, volunteerHours, disputesMediated, disputesResolved, disputesOpen as of a day")
            .WithDescription("asOf=2022-06-30: by the dates things happened (formed, held, served, closed), until the end of that day, UTC+8.");
        return app;
    }
}
