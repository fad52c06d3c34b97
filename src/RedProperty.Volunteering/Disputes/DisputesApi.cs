using System.Security.Claims;
using RedProperty.Volunteering.Places;
using static RedProperty.Volunteering.VolunteeringRoles;

namespace RedProperty.Volunteering.Disputes;

public static class DisputesApi
{
    public static IEndpointRouteBuilder MapDisputesApi(this IEndpointRouteBuilder app)
    {
        var disputes = app.MapGroup("/api/volunteering/disputes").WithTags("Neighbour-dispute mediation");
        disputes.MapPost("/", RegisterDisputeEndpoint.Handle).Validate<RegisterDispute>().WithIdempotency()
            .ForRoles([Roles.CommunityStaff, Roles.Instructor]).WithName("RegisterDispute").WithSummary("Register a neighbour dispute (walk-in, from an instructor, from a complaint)");
        Change<TriageDispute>(disputes, "/{id:guid}/triage", TriageDisputeEndpoint.Handle, "TriageDispute", "Accept the dispute for mediation, or refer it elsewhere");
        Change<AssignMediators>(disputes, "/{id:guid}/mediators", AssignMediatorsEndpoint.Handle, "AssignMediators", "Assign mediators: volunteers and instructors");
        Change<RecordSession>(disputes, "/{id:guid}/sessions", RecordSessionEndpoint.Handle, "RecordMediationSession", "A mediation session: its hours count for the volunteer mediators");
        Change<ReachAgreement>(disputes, "/{id:guid}/agreement", ReachAgreementEndpoint.Handle, "ReachAgreement", "The agreement: terms and a deadline for performing them");
        Change<RecordReturnVisit>(disputes, "/{id:guid}/return-visit", RecordReturnVisitEndpoint.Handle, "RecordReturnVisit", "The return visit: was the agreement performed?");
        Change<CloseDispute>(disputes, "/{id:guid}/closure", CloseDisputeEndpoint.Handle, "CloseDispute", "Close and archive: agreed, notAgreed, withdrawn or unreachable");
        Change<EscalateDispute>(disputes, "/{id:guid}/escalation", EscalateDisputeEndpoint.Handle, "EscalateDispute", "Bring an unresolved dispute to the community's joint meeting");
        disputes.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                KnownPlaces.ReadScoped<DisputeDetails>(user, session, id, d => d.CommunityId, response, ct))
            .ForRoles(Readers).WithName("GetDispute").WithSummary("A dispute with its history (without the parties' names)");
        disputes.MapGet("/", async Task<Ok<LedgerPage<DisputeDetails>>> (
                ClaimsPrincipal user, IQuerySession session, TimeProvider time, Guid? communityId, string? status, bool? overdue, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = session.Query<DisputeDetails>().AsQueryable();
                if (Listing.Community(user, communityId) is { } community)
                {
                    query = query.Where(d => d.CommunityId == community);
                }

                if (QueryEnum.Parse<DisputeStatus>(status, "status") is { } wanted)
                {
                    query = query.Where(d => d.Status == wanted);
                }

                if (overdue is { } late)
                {
                    query = query.Where(d => d.Overdue == late);
                }

                return TypedResults.Ok(await Listing.PageAsync(query.OrderByDescending(d => d.RegisteredOn), time, page, pageSize, ct));
            })
            .ForRoles(Readers).WithName("ListDisputes").WithSummary("Disputes, newest first (communityId, status, overdue, page, pageSize); without the parties' names");
        disputes.MapGet("/{id:guid}/parties", async Task<Results<Ok<DisputeParties>, NotFound>> (Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
                await KnownPlaces.FindScoped<DisputeDetails>(user, session, id, d => d.CommunityId, ct) is not null
                && await session.LoadAsync<DisputeParties>(id, ct) is { } parties ? TypedResults.Ok(parties) : TypedResults.NotFound())
            .AuditsPersonalData("dispute parties")
            .ForRoles([Roles.CommunityStaff, Roles.Instructor]).WithName("GetDisputeParties").WithSummary("The parties' names (personal data: every read is audited)");
        return app;
    }

    /// <summary>Every change after registration is guarded alike: mediators' roles, If-Match, and the same problem responses.</summary>
    private static void Change<TCommand>(RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary) where TCommand : class =>
        group.MapPost(pattern, handler).Validate<TCommand>()
            .ForRoles([Roles.CommunityStaff, Roles.Instructor]).WithName(name).WithSummary(summary)
            .WithDescription("Requires If-Match with the ETag last read: 428 without it, 412 when stale; 409 when the dispute's status does not allow it.")
            .ProducesChangeProblems();
}
