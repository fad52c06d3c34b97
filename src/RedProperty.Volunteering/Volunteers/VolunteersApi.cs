using System.Security.Claims;
using RedProperty.Volunteering.Places;
using static RedProperty.Volunteering.VolunteeringRoles;

namespace RedProperty.Volunteering.Volunteers;

public static class VolunteersApi
{
    public static IEndpointRouteBuilder MapVolunteersApi(this IEndpointRouteBuilder app)
    {
        var volunteers = app.MapGroup("/api/volunteering/volunteers").WithTags("Volunteers");
        volunteers.MapPost("/", RegisterVolunteerEndpoint.Handle).Validate<RegisterVolunteer>().WithIdempotency()
            .ForRoles(Organisers).WithName("RegisterVolunteer")
            .WithSummary("Register a volunteer (party member, owners' committee member or grid worker) with their consent; one record per person (409 with existing)");
        volunteers.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                KnownPlaces.ReadScoped<VolunteerDetails>(user, session, id, v => v.CommunityId, response, ct))
            .ForRoles(Readers).AuditsPersonalData("volunteer").WithName("GetVolunteer").WithSummary("A volunteer's record: hours and stars (no phone, no ID number)");
        volunteers.MapGet("/{id:guid}/contact", async Task<Results<Ok<VolunteerContact>, NotFound>> (Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
                await KnownPlaces.FindScoped<VolunteerDetails>(user, session, id, v => v.CommunityId, ct) is not null
                && await session.LoadAsync<VolunteerContact>(id, ct) is { } contact ? TypedResults.Ok(contact) : TypedResults.NotFound())
            .AuditsPersonalData("volunteer contact")
            .ForRoles(Organisers).WithName("GetVolunteerContact").WithSummary("A volunteer's phone (personal data: every read is audited)");
        volunteers.MapPost("/{id:guid}/erasure", EraseVolunteerEndpoint.Handle)
            .ForRoles().AuditsChanges("erasure: volunteer").WithName("EraseVolunteer")
            .WithSummary("Erase the volunteer's personal data on their request (PIPL art. 47): name, phone and ID tail, events included")
            .WithDescription("District admins only; audited. The fields read \"[erased]\" from then on, also after a rebuild; hours, stars and counts stay. " +
                "A party member erased in Organization is erased here too. 204; 404 for an unknown volunteer.");
        volunteers.MapGet("/{id:guid}/certificate", async Task<Results<Ok<Certificate>, NotFound>> (Guid id, ClaimsPrincipal user, IQuerySession session, TimeProvider time, PersonKey keys, CancellationToken ct) =>
                await KnownPlaces.FindScoped<VolunteerDetails>(user, session, id, v => v.CommunityId, ct) is { } volunteer
                    ? TypedResults.Ok(Certificates.Issue(volunteer, DistrictCalendar.Today(time.GetUtcNow()), keys))
                    : TypedResults.NotFound())
            .ForRoles(Organisers).WithName("IssueCertificate").WithSummary("A volunteer service certificate: hours, stars and a code anyone can verify");

        // Not under /volunteers: open to anyone, it checks a certificate's figures rather than reading a volunteer.
        app.MapGet("/api/volunteering/certificates/verify", (Guid volunteerId, decimal hours, int stars, DateOnly issuedOn, string code, PersonKey keys) =>
                TypedResults.Ok(new { valid = Certificates.Verify(volunteerId, hours, stars, issuedOn, code, keys) }))
            .AllowAnonymous().WithTags("Volunteers").WithName("VerifyCertificate")
            .WithSummary("Whether a certificate's figures were issued here (volunteerId, hours, stars, issuedOn, code); open to anyone who holds one");

        volunteers.MapGet("/", async Task<Ok<LedgerPage<VolunteerDetails>>> (
                ClaimsPrincipal user, IQuerySession session, TimeProvider time, Guid? communityId, string? source, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = session.Query<VolunteerDetails>().AsQueryable();
                if (Listing.Community(user, communityId) is { } community)
                {
                    query = query.Where(v => v.CommunityId == community);
                }

                if (QueryEnum.Parse<VolunteerSource>(source, "source") is { } kind)
                {
                    query = query.Where(v => v.Source == kind);
                }

                return TypedResults.Ok(await Listing.PageAsync(query.OrderBy(v => v.Name), time, page, pageSize, ct));
            })
            .ForRoles(Readers).AuditsPersonalData("volunteers").WithName("ListVolunteers").WithSummary("Volunteers (communityId, source, page, pageSize); a community's staff see their own");
        return app;
    }
}
