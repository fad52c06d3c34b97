namespace RedProperty.Organization.Geography;

public static class GeographyApi
{
    // Reference data every role reads; only the district changes it.
    private static readonly string[] Readers = [.. Roles.Staff, Roles.IntegrationClient];

    public static IEndpointRouteBuilder MapGeographyApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organization").WithTags("Geography");

        organization.MapPost("/sub-districts", RegisterPlacesEndpoints.SubDistrict)
            .Validate<RegisterSubDistrict>().WithIdempotency()
            .ForRoles().WithName("RegisterSubDistrict")
            .WithSummary("Register a sub-district (街道) or town (镇); 409 when the name is taken")
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapPost("/communities", RegisterPlacesEndpoints.Community)
            .Validate<RegisterCommunity>().WithIdempotency()
            .ForRoles().WithName("RegisterCommunity")
            .WithSummary("Register a community (社区) of a sub-district; 409 when the name is taken there")
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapPost("/estates", RegisterPlacesEndpoints.Estate)
            .Validate<RegisterEstate>().WithIdempotency()
            .ForRoles().WithName("RegisterEstate")
            .WithSummary("Register an estate (小区) of a community with its households; 409 when the name is taken there")
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapPut("/estates/{id:guid}", UpdateEstateEndpoint.Handle)
            .Validate<UpdateEstate>()
            .ForRoles().WithName("UpdateEstate")
            .WithSummary("Correct an estate's name, households or address")
            .ProducesChangeProblems();

        organization.MapPost("/estates/{id:guid}/service-contracts", EstateServiceEndpoints.Contract)
            .Validate<ContractEstateService>()
            .ForRoles().WithName("ContractEstateService")
            .WithSummary("Record which company serves the estate from when to when; 409 when it overlaps another contract")
            .ProducesChangeProblems();

        organization.MapPost("/estates/{id:guid}/service-contracts/end", EstateServiceEndpoints.End)
            .Validate<EndEstateService>()
            .ForRoles().WithName("EndEstateService")
            .WithSummary("End a company's contract on its last day of service")
            .ProducesChangeProblems();

        organization.MapGet("/sub-districts/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                session.Read<SubDistrictDetails>(id, response, ct))
            .ForRoles(Readers).WithName("GetSubDistrict").WithSummary("A sub-district or town");

        organization.MapGet("/communities/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                session.Read<CommunityDetails>(id, response, ct))
            .ForRoles(Readers).WithName("GetCommunity").WithSummary("A community");

        organization.MapGet("/estates/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                session.Read<EstateDetails>(id, response, ct))
            .ForRoles(Readers).WithName("GetEstate").WithSummary("An estate with its households and service contracts, with its version as ETag");

        organization.MapGet("/sub-districts", async Task<Ok<IReadOnlyList<SubDistrictDetails>>> (IQuerySession session, CancellationToken ct) =>
                TypedResults.Ok(await session.Query<SubDistrictDetails>().OrderBy(s => s.Name).ToListAsync(ct)))
            .ForRoles(Readers).WithName("ListSubDistricts").WithSummary("Every sub-district and town");

        organization.MapGet("/communities", async Task<Ok<IReadOnlyList<CommunityDetails>>> (IQuerySession session, Guid? subDistrictId, CancellationToken ct) =>
                TypedResults.Ok(await session.Query<CommunityDetails>()
                    .Where(c => subDistrictId == null || c.SubDistrictId == subDistrictId).OrderBy(c => c.Name).ToListAsync(ct)))
            .ForRoles(Readers).WithName("ListCommunities").WithSummary("Communities, optionally of one sub-district");

        organization.MapGet("/estates", async Task<Ok<IReadOnlyList<EstateDetails>>> (
                IQuerySession session, Guid? communityId, Guid? companyId, CancellationToken ct) =>
            {
                var query = session.Query<EstateDetails>().Where(e => communityId == null || e.CommunityId == communityId);
                if (companyId is { } company)
                {
                    query = query.Where(e => e.Contracts.Any(c => c.CompanyId == company));
                }

                return TypedResults.Ok(await query.OrderBy(e => e.Name).ToListAsync(ct));
            })
            .ForRoles(Readers).WithName("ListEstates").WithSummary("Estates, optionally of one community or ever served by one company");

        return app;
    }
}
