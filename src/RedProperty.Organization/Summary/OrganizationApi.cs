using RedProperty.BuildingBlocks;
using RedProperty.Organization.RedButler;

namespace RedProperty.Organization.Summary;

public static class OrganizationApi
{
    /// <summary>Red butler and the summary; companies, members, branches and instructors map their own groups.</summary>
    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organization");

        organization.MapGet("/summary", GetSummaryEndpoint.Handle)
            .WithTags("Summary")
            .WithName("GetOrganizationSummary")
            .WithSummary("The district's figures; asOf=2022-06-30 (end of that day, UTC+8) or an instant answers from the events recorded until then");

        organization.MapPost("/responsibility-zones", RedButlerEndpoints.DesignateZone)
            .Validate<DesignateZone>()
            .WithIdempotency()
            .WithTags("Red butler")
            .WithName("DesignateResponsibilityZone")
            .WithSummary("Designate a party-member responsibility zone (estate, buildings, current members)");

        organization.MapPost("/pioneer-posts", RedButlerEndpoints.DesignatePost)
            .Validate<DesignatePost>()
            .WithIdempotency()
            .WithTags("Red butler")
            .WithName("DesignatePioneerPost")
            .WithSummary("Designate a party-member pioneer post held by a current member");

        return app;
    }
}
