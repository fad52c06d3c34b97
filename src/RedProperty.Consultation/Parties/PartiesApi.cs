using RedProperty.Consultation.Committees;
using static RedProperty.Consultation.ConsultationRoles;

namespace RedProperty.Consultation.Parties;

public static class PartiesApi
{
    public static IEndpointRouteBuilder MapPartiesApi(this IEndpointRouteBuilder app)
    {
        var parties = app.MapGroup("/api/consultation").MapGroup("/parties").WithTags("Parties at the table");
        parties.MapPost("/", RegisterPartyEndpoint.Handle).Validate<RegisterParty>().WithIdempotency()
            .ForRoles(Organisers).WithName("RegisterParty")
            .WithSummary("Register a residents' committee, owners' committee, property company or local unit of a community");
        parties.MapGet("/{id:guid}", async Task<Results<Ok<PartyDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = CommunityScope.Limit(http);
                return await session.Read<PartyDetails>(id, http.Response, ct, p => limit is null || p.CommunityId == limit);
            })
            .ForRoles(Readers).WithName("GetParty").WithSummary("A party (without its contacts)");
        parties.MapGet("/{id:guid}/contacts", async Task<Results<Ok<PartyContacts>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<PartyDetails>(id, ct) is { } party
                && (CommunityScope.Limit(http) is not { } limit || party.CommunityId == limit)
                && await session.LoadAsync<PartyContacts>(id, ct) is { } contacts
                    ? TypedResults.Ok(contacts)
                    : TypedResults.NotFound())
            .AuditsPersonalData("party contacts")
            .ForRoles(Organisers).WithName("GetPartyContacts").WithSummary("Whom to reach at a party (personal data: every read is audited)");
        parties.MapPost("/{id:guid}/contacts/erasure", ErasePartyContactsEndpoint.Handle)
            .ForRoles().AuditsChanges("erasure: party contacts").WithName("ErasePartyContacts")
            .WithSummary("Erase a party's contacts on their request (PIPL art. 47): names and phones, events included; roles stay")
            .WithDescription("District admins only; audited. They read \"[erased]\" from then on, also after a rebuild. 204; 404 for an unknown party.");
        parties.MapGet("/", async Task<Ok<IReadOnlyList<PartyDetails>>> (HttpContext http, IQuerySession session, Guid? communityId, CancellationToken ct) =>
            {
                var limit = CommunityScope.Limit(http);
                var query = session.Query<PartyDetails>().AsQueryable();
                if ((limit ?? communityId) is { } community)
                {
                    query = query.Where(p => p.CommunityId == community);
                }

                return TypedResults.Ok<IReadOnlyList<PartyDetails>>(await query.OrderBy(p => p.Name).ToListAsync(ct));
            })
            .ForRoles(Readers).WithName("ListParties").WithSummary("Parties (communityId); a community's staff see their own");

        return app;
    }
}
