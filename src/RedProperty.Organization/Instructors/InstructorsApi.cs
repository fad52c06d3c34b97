namespace RedProperty.Organization.Instructors;

public static class InstructorsApi
{
    public static IEndpointRouteBuilder MapInstructorsApi(this IEndpointRouteBuilder app)
    {
        var instructors = app.MapGroup("/api/organization/instructors").WithTags("Instructors");

        instructors.MapPost("/", AppointInstructorEndpoint.Handle)
            .Validate<AppointInstructor>()
            .WithIdempotency()
            .ForRoles().WithName("AppointInstructor")
            .WithSummary("Appoint a party-building instructor (dispatchedByIndustry | selectedByCommunity)");

        instructors.MapGet("/{id:guid}", GetInstructorEndpoint.Handle)
            .ForRoles(Roles.Auditor, Roles.Instructor).LimitedToOwnInstructor().WithName("GetInstructor")
            .WithSummary("An instructor with assignments and visits, with its version as ETag");

        instructors.MapPost("/{id:guid}/assignments", AssignInstructorEndpoint.Handle)
            .Validate<AssignInstructor>()
            .ForRoles().WithName("AssignInstructor")
            .WithSummary("Assign the instructor to a property company")
            .ProducesChangeProblems();

        instructors.MapPost("/{id:guid}/visits", RecordVisitEndpoint.Handle)
            .Validate<RecordVisit>()
            .ForRoles(Roles.Instructor).LimitedToOwnInstructor().WithName("RecordInstructorVisit")
            .WithSummary("Record a visit to an assigned company (topics, disputes coordinated)")
            .ProducesChangeProblems();

        instructors.MapGet("/compliance", ComplianceEndpoints.Get)
            .ForRoles(Roles.Auditor).WithName("GetVisitCompliance")
            .WithSummary("Visits per instructor and assigned company in a month (month=2022-06) against the minimum of 2");

        instructors.MapPost("/compliance/{month}/close", ComplianceEndpoints.Close)
            .ForRoles().WithName("CloseVisitMonth")
            .WithSummary("Close a finished month now (it also closes by itself when the month ends); 409 if already closed or not over")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
