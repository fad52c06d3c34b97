using RedProperty.Consultation.Committees;
using static RedProperty.Consultation.ConsultationRoles;

namespace RedProperty.Consultation.Actions;

public static class ActionsApi
{
    public static IEndpointRouteBuilder MapActionsApi(this IEndpointRouteBuilder app)
    {
        // Assigning an action item is mapped with the meetings' routes (MeetingsApi): it is posted to a meeting's agenda item.
        var actions = app.MapGroup("/api/consultation").MapGroup("/actions").WithTags("Action items");
        actions.MapPost("/{id:guid}/progress", ReportProgressEndpoint.Handle).Validate<ReportProgress>()
            .ForRoles(Organisers).WithName("ReportActionProgress").WithSummary("Progress 0–100 (never backwards); 100 completes it").ProducesChangeProblems();
        actions.MapGet("/{id:guid}", async Task<Results<Ok<ActionDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = CommunityScope.Limit(http);
                return await session.Read<ActionDetails>(id, http.Response, ct, a => limit is null || a.CommunityId == limit);
            })
            .ForRoles(Readers).WithName("GetAction").WithSummary("An action item with its progress reports");

        return app;
    }
}
