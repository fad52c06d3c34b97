namespace RedProperty.Organization.RedButler;

public static class RedButlerApi
{
    public static IEndpointRouteBuilder MapRedButlerApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organization").WithTags("Red butler");

        organization.MapPost("/responsibility-zones", DesignateZoneEndpoint.Handle)
            .Validate<DesignateZone>()
            .WithIdempotency()
            .ForRoles().WithName("DesignateResponsibilityZone")
            .WithSummary("Designate a party-member responsibility zone (estate, buildings, current members)");

        organization.MapPost("/pioneer-posts", DesignatePostEndpoint.Handle)
            .Validate<DesignatePost>()
            .WithIdempotency()
            .ForRoles().WithName("DesignatePioneerPost")
            .WithSummary("Designate a party-member pioneer post held by a current member");

        organization.MapPost("/responsibility-zones/{id:guid}/retirement", RetireEndpoints.Zone)
            .Validate<Retire>()
            .ForRoles().WithName("RetireResponsibilityZone")
            .WithSummary("A zone stops counting from a day, with the reason")
            .ProducesChangeProblems();

        organization.MapPost("/pioneer-posts/{id:guid}/retirement", RetireEndpoints.Post)
            .Validate<Retire>()
            .ForRoles().WithName("RetirePioneerPost")
            .WithSummary("A post stops counting from a day, with the reason")
            .ProducesChangeProblems();

        organization.MapGet("/responsibility-zones/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                session.Read<ResponsibilityZoneDetails>(id, response, ct))
            .ForRoles(Roles.Staff).WithName("GetResponsibilityZone").WithSummary("A responsibility zone, with its version as ETag");

        organization.MapGet("/pioneer-posts/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                session.Read<PioneerPostDetails>(id, response, ct))
            .ForRoles(Roles.Staff).WithName("GetPioneerPost").WithSummary("A pioneer post, with its version as ETag");

        organization.MapGet("/responsibility-zones", async Task<Ok<IReadOnlyList<ResponsibilityZoneDetails>>> (
                IQuerySession session, Guid? estateId, bool? current, CancellationToken ct) =>
                TypedResults.Ok(await session.Query<ResponsibilityZoneDetails>()
                    .Where(z => (estateId == null || z.EstateId == estateId) && (current != true || z.RetiredOn == null))
                    .OrderBy(z => z.DesignatedOn).ToListAsync(ct)))
            .ForRoles(Roles.Staff).WithName("ListResponsibilityZones").WithSummary("Zones, optionally of one estate; current=true: not retired");

        organization.MapGet("/pioneer-posts", async Task<Ok<IReadOnlyList<PioneerPostDetails>>> (
                IQuerySession session, Guid? estateId, bool? current, CancellationToken ct) =>
                TypedResults.Ok(await session.Query<PioneerPostDetails>()
                    .Where(p => (estateId == null || p.EstateId == estateId) && (current != true || p.RetiredOn == null))
                    .OrderBy(p => p.DesignatedOn).ToListAsync(ct)))
            .ForRoles(Roles.Staff).WithName("ListPioneerPosts").WithSummary("Posts, optionally of one estate; current=true: not retired");

        return app;
    }
}
