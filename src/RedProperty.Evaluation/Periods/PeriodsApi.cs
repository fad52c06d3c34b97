namespace RedProperty.Evaluation.Periods;

public static class PeriodsApi
{
    public static IEndpointRouteBuilder MapPeriodsApi(this IEndpointRouteBuilder app)
    {
        var periods = app.MapGroup("/api/evaluation/periods").WithTags("Evaluation periods, scores, red and black lists");

        periods.MapPost("/{period}/close", ClosePeriodEndpoint.Handle)
            .Validate<ClosePeriod>()
            .ForRoles().WithName("ClosePeriod")
            .WithSummary("Close a period (2022Q2, 2022H1, 2022 or 2022-06): score every company, publish the red and black lists, order the black-listed to rectify")
            .WithDescription("409 before the period has ended, or when it is closed already. The answer is the period with every score's breakdown and evidence.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        periods.MapGet("/{period}", async Task<Results<Ok<PeriodDetails>, NotFound>> (string period, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                await session.Read<PeriodDetails>(PeriodCode.Parse(period).StreamId, response, ct))
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithName("GetPeriod")
            .WithSummary("A closed period: scores with breakdown and evidence, red and black lists, objections; its version as ETag");

        periods.MapGet("/", async Task<Ok<IReadOnlyList<PeriodDetails>>> (IQuerySession session, CancellationToken ct) =>
                TypedResults.Ok<IReadOnlyList<PeriodDetails>>(await session.Query<PeriodDetails>().OrderByDescending(p => p.From).ToListAsync(ct)))
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithName("ListPeriods")
            .WithSummary("Closed periods, newest first");

        periods.MapGet("/{period}/notice", PeriodNoticeEndpoint.Handle)
            .AllowAnonymous().WithName("GetPeriodNotice")
            .WithSummary("The red and black lists as the district's notice (通报): a PDF on A4 with the companies, the rule that listed each and the rectification deadlines")
            .WithDescription("Public, as the published lists are. 404 before the period is closed; the ETag is the period's version, and an upheld objection issues a revised notice.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        periods.MapPost("/{period}/objections", ObjectionEndpoints.File)
            .Validate<FileObjection>()
            .ForRoles(Roles.CompanyUser).WithName("FileObjection")
            .WithSummary("A company objects to its score within the objection window, naming the complaints or inspections that should not count")
            .WithDescription("404 for another company (a company's users object for their own) or a period not closed; 409 after the window, or while an earlier objection is pending.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        periods.MapPost("/{period}/objections/{objectionId:guid}/ruling", ObjectionEndpoints.Rule)
            .Validate<RuleObjection>()
            .ForRoles().WithName("RuleObjection")
            .WithSummary("Rule on an objection; upheld re-scores the company without the disputed items and publishes the lists again")
            .ProducesChangeProblems();

        return app;
    }
}
