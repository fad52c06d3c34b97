using System.Security.Claims;
using RedProperty.Volunteering.Places;
using static RedProperty.Volunteering.VolunteeringRoles;

namespace RedProperty.Volunteering.Activities;

public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup("/api/volunteering/activities").WithTags("Volunteer activities");
        activities.MapGet("/types", (ActivityTypes types) => TypedResults.Ok(types.All))
            .ForRoles(Readers).WithName("ListActivityTypes").WithSummary("Activity types and the outcomes each records");
        activities.MapPost("/", ScheduleActivityEndpoint.Handle).Validate<ScheduleActivity>().WithIdempotency()
            .ForRoles(Organisers).WithName("ScheduleActivity").WithSummary("Schedule an activity at an estate with a capacity");
        activities.MapPost("/{id:guid}/sign-ups", SignUpEndpoint.Handle).Validate<VolunteerAt>()
            .ForRoles(Organisers).WithName("SignUp").WithSummary("Sign a volunteer up (409 when full)").ProducesChangeProblems();
        activities.MapPost("/{id:guid}/check-ins", CheckInEndpoint.Handle).Validate<VolunteerAt>()
            .ForRoles(Organisers).WithName("CheckIn").WithSummary("A volunteer checks in on site").ProducesChangeProblems();
        activities.MapPost("/{id:guid}/check-outs", CheckOutEndpoint.Handle).Validate<VolunteerAt>()
            .ForRoles(Organisers).WithName("CheckOut").WithSummary("A volunteer checks out: the time on site goes on their record").ProducesChangeProblems();
        activities.MapPost("/{id:guid}/held", RecordActivityHeldEndpoint.Handle).Validate<RecordActivityHeld>()
            .ForRoles(Organisers).WithName("RecordActivityHeld").WithSummary("Record the activity as held, with its outcomes").ProducesChangeProblems();
        activities.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                KnownPlaces.ReadScoped<ActivityDetails>(user, session, id, a => a.CommunityId, response, ct))
            .ForRoles(Readers).WithName("GetActivity").WithSummary("An activity: sign-ups, check-ins and -outs with hours, outcomes");
        return app;
    }
}
