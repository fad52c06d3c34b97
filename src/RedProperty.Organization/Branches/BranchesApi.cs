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
            .ProducesChangeProblems();

        branches.MapPost("/{id:guid}/status-changes", ChangeBranchStatusEndpoint.Handle)
            .Validate<ChangeBranchStatus>()
            .ForRoles().WithName("ChangeBranchStatus")
            .WithSummary("startForming a planned branch, dissolve an established one, reform a dissolved one")
            .ProducesChangeProblems();

        return app;
    }
}
