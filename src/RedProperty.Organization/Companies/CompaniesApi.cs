namespace RedProperty.Organization.Companies;

public static class CompaniesApi
{
    public static IEndpointRouteBuilder MapCompaniesApi(this IEndpointRouteBuilder app)
    {
        var companies = app.MapGroup("/api/organization/companies").WithTags("Companies");

        companies.MapPost("/", RegisterCompanyEndpoint.Handle)
            .Validate<RegisterCompany>()
            .WithIdempotency()
            .ForRoles().WithName("RegisterCompany")
            .WithSummary("Register a property-service company")
            .WithDescription("201 with Location and ETag. 400 names the invalid field (creditCode is checked per GB 32100-2015); 409 when the credit code is already registered. Send Idempotency-Key to make retries safe.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        companies.MapGet("/{id:guid}", GetCompanyEndpoint.Handle)
            .ForRoles(Roles.Staff).LimitedToOwnCompany().WithName("GetCompany")
            .WithSummary("A registered company, with its version as ETag");

        companies.MapPut("/{id:guid}", UpdateCompanyEndpoint.Handle)
            .Validate<UpdateCompany>()
            .ForRoles().WithName("UpdateCompany")
            .WithSummary("Correct a company's name or address")
            .WithDescription("Requires If-Match with the ETag last read: 428 without it, 412 when stale, 404 for an unknown company.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        companies.MapPut("/{id:guid}/structure", RecordStructureEndpoint.Handle)
            .Validate<RecordStructure>()
            .ForRoles(Roles.CompanyUser).LimitedToOwnCompany().WithName("RecordStructure")
            .WithSummary("Record the company's internal organisation structure (ledger 1)")
            .ProducesChangeProblems();

        companies.MapPost("/{id:guid}/surveys", RecordSurveyEndpoint.Handle)
            .Validate<RecordSurvey>()
            .ForRoles().WithName("RecordSurvey")
            .WithSummary("Record a carpet-survey visit and what it found")
            .ProducesChangeProblems();

        return app;
    }
}
