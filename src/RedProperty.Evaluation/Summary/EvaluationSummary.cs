using RedProperty.Evaluation.Periods;
using RedProperty.Evaluation.Projects;
using RedProperty.Evaluation.Rectifications;

namespace RedProperty.Evaluation.Summary;

/// <summary>
/// The district's evaluation figures as of a day (by the dates things happened): the red and black
/// lists of the latest period closed by then, open rectification orders, what improvement projects
/// completed by then added up to, and complaints filed and resolved.
/// </summary>
public sealed record EvaluationSummary(
    DateTimeOffset AsOf, string? Period, int RedListed, int BlackListed, int RectificationsOpen, int SmartSecurityCommunities, int ParkingSpacesAdded,
    int RenovatedCommunities, int HouseholdsBenefiting, int ComplaintsFiled, int ComplaintsResolved, int ComplaintsOverdue, int InspectionsMade);

public static class SummaryApi
{
    private sealed record DaySums(int Filed, int Resolved, int Overdue, int Inspections);

    private sealed record ListsOf(string Period, IReadOnlyList<Guid> RedList, IReadOnlyList<Guid> BlackList);

    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/evaluation/summary", async Task<Ok<EvaluationSummary>> (IQuerySession session, TimeProvider time, string? asOf, CancellationToken ct) =>
            {
                var at = AsOf.Parse(asOf, time);
                var day = DistrictCalendar.Today(at);
                // The lists only: a period's document also holds every score's evidence (each valid complaint's id).
                var period = await session.Query<PeriodDetails>().Where(p => p.ClosedOn <= day).OrderByDescending(p => p.To)
                    .Select(p => new ListsOf(p.Period, p.RedList, p.BlackList)).FirstOrDefaultAsync(ct);
                var rectifications = await session.Query<RectificationDetails>()
                    .Where(r => r.OrderedOn <= day && (r.RectifiedOn == null || r.RectifiedOn > day)).CountAsync(ct);
                var projects = await ProjectTotals.OfAsync(session, null, day, null, ct);
                // Days, not complaints: the counts cost a row per day however many complaints a day holds.
                var days = await session.Query<EvaluationDay>().Where(d => d.Day <= day)
                    .Select(d => new DaySums(d.ComplaintsFiled, d.ComplaintsResolved, d.ComplaintsOverdue, d.InspectionsMade)).ToListAsync(ct);
                int filed = days.Sum(d => d.Filed), resolved = days.Sum(d => d.Resolved), overdue = days.Sum(d => d.Overdue), inspections = days.Sum(d => d.Inspections);
                return TypedResults.Ok(new EvaluationSummary(
                    at, period?.Period, period?.RedList.Count ?? 0, period?.BlackList.Count ?? 0, rectifications, projects.SmartSecurityCommunities,
                    projects.ParkingSpacesAdded, projects.RenovatedCommunities, projects.HouseholdsBenefiting, filed, resolved, overdue, inspections));
            })
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithTags("Summary").WithName("GetEvaluationSummary")
            .WithSummary("The district's evaluation figures as of a day: redListed, blackListed, rectificationsOpen, smartSecurityCommunities, parkingSpacesAdded, renovatedCommunities, householdsBenefiting, complaintsFiled, complaintsResolved")
            .WithDescription("asOf=2022-06-30: by the dates things happened (lists by the close of their period, orders by their order and verification days, projects by completion), until the end of that day, UTC+8.");
        return app;
    }
}
