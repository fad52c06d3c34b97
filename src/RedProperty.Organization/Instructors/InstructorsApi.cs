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

        instructors.MapGet("/", async Task<Ok<IReadOnlyList<InstructorDetails>>> (IQuerySession session, bool? current, TimeProvider time, CancellationToken ct) =>
            {
                var all = await session.Query<InstructorDetails>().OrderBy(i => i.AppointedOn).ToListAsync(ct);
                var today = DistrictCalendar.Today(time.GetUtcNow());
                return TypedResults.Ok<IReadOnlyList<InstructorDetails>>(current == true ? [.. all.Where(i => i.ServesOn(today))] : all);
            })
            .ForRoles(Roles.Auditor).WithName("ListInstructors")
            .WithSummary("Every instructor with assignments and visits; current=true: only those serving today");

        instructors.MapPost("/{id:guid}/assignments/end", AssignInstructorEndpoint.End)
            .Validate<EndAssignment>()
            .ForRoles().WithName("EndInstructorAssignment")
            .WithSummary("End the instructor's assignment to a company (its last day)")
            .ProducesChangeProblems();

        instructors.MapPost("/{id:guid}/end", AppointInstructorEndpoint.End)
            .Validate<EndAppointment>()
            .ForRoles().WithName("EndInstructorAppointment")
            .WithSummary("End the instructor's appointment (its last day, and why); open assignments end with it")
            .ProducesChangeProblems();

        instructors.MapPost("/{id:guid}/visits", RecordVisitEndpoint.Handle)
            .Validate<RecordVisit>()
            .ForRoles(Roles.Instructor).LimitedToOwnInstructor().WithName("RecordInstructorVisit")
            .WithSummary("Record a visit to an assigned company (topics, disputes coordinated); inside the assignment, one a day per company")
            .ProducesChangeProblems();

        instructors.MapGet("/compliance", ComplianceEndpoints.Get)
            .ForRoles(Roles.Auditor).WithName("GetVisitCompliance")
            .WithSummary("Visits per instructor and assigned company in a month (month=2022-06) against the minimum of 2, pro rata for part of a month");

        instructors.MapPost("/compliance/{month}/close", CloseVisitMonth.Close)
            .ForRoles().WithName("CloseVisitMonth")
            .WithSummary("Close a finished month now (it also closes by itself when the month ends); 409 if already closed or not over")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}
