using RedProperty.Organization.RedButler;

namespace RedProperty.Organization.RedButler;

public static class RedButlerApi
{
    public static IEndpointRouteBuilder MapRedButlerApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organization");

        organization.MapPost("/responsibility-zones", RedButlerEndpoints.DesignateZone)
            .Validate<DesignateZone>()
            .WithIdempotency()
            .WithTags("Red butler")
            .ForRoles().WithName("DesignateResponsibilityZone")
            .WithSummary("Designate a party-member responsibility zone (estate, buildings, current members)");

        organization.MapPost("/pioneer-posts", RedButlerEndpoints.DesignatePost)
            .Validate<DesignatePost>()
            .WithIdempotency()
            .WithTags("Red butler")
            .ForRoles().WithName("DesignatePioneerPost")
            .WithSummary("Designate a party-member pioneer post held by a current member");

        organization.MapGet("/responsibility-zones/{id:guid}", RedButlerEndpoints.GetZone)
            .WithTags("Red butler").ForRoles(Roles.Staff).WithName("GetResponsibilityZone").WithSummary("A responsibility zone");

        organization.MapGet("/pioneer-posts/{id:guid}", RedButlerEndpoints.GetPost)
            .WithTags("Red butler").ForRoles(Roles.Staff).WithName("GetPioneerPost").WithSummary("A pioneer post");

        return app;
    }
}
