namespace RedProperty.Organization.Branches;

public static class BranchesApi
{
    public static IEndpointRouteBuilder MapBranchesApi(this IEndpointRouteBuilder app)
    {
        var branches = app.MapGroup("/api/organization/branches").WithTags("Party branches");

        branches.MapPost("/", PlanBranchEndpoint.Handle)
            .Validate<PlanBranch>()
            .WithIdempotency()
            .ForRoles().WithName("PlanBranch")
            .WithSummary("Plan a standalone (one company) or joint (several companies) party branch");

        branches.MapGet("/{id:guid}", GetBranchEndpoint.Handle)
            .ForRoles(Roles.Auditor).WithName("GetBranch")
            .WithSummary("A party branch, with its version as ETag");

        branches.MapPost("/{id:guid}/establishment", EstablishBranchEndpoint.Handle)
            .Validate<EstablishBranch>()
            .ForRoles().WithName("EstablishBranch")
            .WithSummary("Record the branch's approval and its secretary (a full member of a member company)")
            .WithDescription("409 when the branch's companies have fewer than 3 full members between them (the party's rule), or the secretary does not qualify.")
            .ProducesChangeProblems();

        branches.MapPost("/existing", RecordExistingBranchEndpoint.Handle)
            .Validate<RecordExistingBranch>().WithIdempotency()
            .ForRoles().WithName("RecordExistingBranch")
            .WithSummary("Record a party organisation the survey found already existing, as established with its approval date and secretary")
            .ProducesProblem(StatusCodes.Status409Conflict);

        branches.MapPost("/{id:guid}/secretary", ChangeSecretaryEndpoint.Handle)
            .Validate<ChangeSecretary>()
            .ForRoles().WithName("ChangeBranchSecretary")
            .WithSummary("A new secretary for an established branch (a current full member of one of its companies)")
            .ProducesChangeProblems();

        branches.MapPost("/{id:guid}/status-changes", ChangeBranchStatusEndpoint.Handle)
            .Validate<ChangeBranchStatus>()
            .ForRoles().WithName("ChangeBranchStatus")
            .WithSummary("startForming a planned branch, dissolve an established one, reform a dissolved one")
            .ProducesChangeProblems();

        return app;
    }
}
