namespace RedProperty.Evaluation.Projects;

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/evaluation/projects").WithTags("Improvement projects");

        projects.MapPost("/", RegisterProjectEndpoint.Handle)
            .Validate<RegisterProject>()
            .WithIdempotency()
            .ForRoles().WithName("RegisterProject")
            .WithSummary("Register a smart-security, parking or renovation project at an estate")
            .WithDescription("201 with Location and ETag; 400 names the field (an estate the directory does not know too); 409 when more households would benefit than live there.");

        projects.MapPost("/{id:guid}/completion", CompleteProjectEndpoint.Handle)
            .Validate<CompleteProject>()
            .ForRoles().WithName("CompleteProject")
            .WithSummary("Record a project's completion, with its final figures")
            .ProducesChangeProblems();

        projects.MapGet("/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) => session.Read<ProjectDetails>(id, response, ct))
            .ForRoles(Roles.Staff).WithName("GetProject")
            .WithSummary("A project, with its version as ETag");

        projects.MapGet("/", async Task<Ok<LedgerPage<ProjectDetails>>> (
                IQuerySession session, TimeProvider time, string? kind, Guid? communityId, Guid? estateId, bool? completed, int? page, int? pageSize, CancellationToken ct) =>
            {
                var (number, size) = Ledger.Paging(page, pageSize);
                var query = session.Query<ProjectDetails>().AsQueryable();
                if (QueryEnum.Parse<ProjectKind>(kind, "kind") is { } k)
                {
                    query = query.Where(p => p.Kind == k);
                }

                if (communityId is { } c)
                {
                    query = query.Where(p => p.CommunityId == c);
                }

                if (estateId is { } e)
                {
                    query = query.Where(p => p.EstateId == e);
                }

                if (completed is { } done)
                {
                    query = done ? query.Where(p => p.CompletedOn != null) : query.Where(p => p.CompletedOn == null);
                }

                var total = await query.CountAsync(ct);
                var items = await query.OrderBy(p => p.StartedOn).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new LedgerPage<ProjectDetails>(time.GetUtcNow(), number, size, total, items));
            })
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithName("ListProjects")
            .WithSummary("Projects: kind, communityId, estateId, completed, page, pageSize");

        projects.MapGet("/totals", async Task<Ok<ProjectTotals>> (IQuerySession session, TimeProvider time, string? from, string? to, Guid? communityId, CancellationToken ct) =>
                TypedResults.Ok(await ProjectTotals.OfAsync(session, Days.Parse(from, "from"), Days.Parse(to, "to") ?? DistrictCalendar.Today(time.GetUtcNow()), communityId, ct)))
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithName("GetProjectTotals")
            .WithSummary("What completed projects added up to between from and to (completion days, inclusive; default: everything until today)");

        return app;
    }
}
