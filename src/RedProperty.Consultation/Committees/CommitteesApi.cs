using static RedProperty.Consultation.ConsultationRoles;

namespace RedProperty.Consultation.Committees;

public static class CommitteesApi
{
    public static IEndpointRouteBuilder MapCommitteesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/consultation");

        var committees = api.MapGroup("/committees").WithTags("Community big party committees");
        committees.MapPost("/", FormCommitteeEndpoint.Handle).Validate<FormCommittee>().WithIdempotency()
            .ForRoles(Organisers).WithName("FormCommittee")
            .WithSummary("Form a community's big party committee (社区大党委) for a term; 409 with the existing one when the community has one");
        committees.MapPost("/{id:guid}/members", AppointMemberEndpoint.Handle).Validate<AppointMember>()
            .ForRoles(Organisers).WithName("AppointCommitteeMember")
            .WithSummary("Appoint a member; partyMemberId makes them a concurrent member, verified as a party-member head of a property company")
            .ProducesChangeProblems();
        committees.MapPost("/{id:guid}/members/{appointmentId:guid}/end", EndAppointmentEndpoint.Handle).Validate<EndAppointment>()
            .ForRoles(Organisers).WithName("EndCommitteeAppointment")
            .WithSummary("End an appointment on its last day")
            .ProducesChangeProblems();
        committees.MapGet("/{id:guid}", async Task<Results<Ok<CommitteeDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = CommunityScope.Limit(http);
                return await session.Read<CommitteeDetails>(id, http.Response, ct, c => limit is null || c.CommunityId == limit);
            })
            .ForRoles(Readers).AuditsPersonalData("committee members").WithName("GetCommittee").WithSummary("A committee with its appointments and its version as ETag");
        committees.MapGet("/", async Task<Ok<IReadOnlyList<CommitteeDetails>>> (HttpContext http, IQuerySession session, Guid? communityId, CancellationToken ct) =>
            {
                var limit = CommunityScope.Limit(http);
                var query = session.Query<CommitteeDetails>().AsQueryable();
                if ((limit ?? communityId) is { } community)
                {
                    query = query.Where(c => c.CommunityId == community);
                }

                return TypedResults.Ok<IReadOnlyList<CommitteeDetails>>(await query.ToListAsync(ct));
            })
            .ForRoles(Readers).AuditsPersonalData("committee members").WithName("ListCommittees").WithSummary("Committees (communityId); a community's staff see their own");
        // Party members' names: the community that appoints them and the auditor; systems get the count in /summary.
        api.MapGet("/concurrent-company-heads", async Task<Ok<IReadOnlyList<Appointment>>> (
                HttpContext http, IQuerySession session, TimeProvider time, string? asOf, Guid? communityId, CancellationToken ct) =>
                TypedResults.Ok(await ConcurrentHeads.OnAsync(session, DistrictCalendar.Today(AsOf.Parse(asOf, time)), CommunityScope.Limit(http) ?? communityId, ct)))
            .ForRoles(Roles.CommunityStaff, Roles.Auditor).AuditsPersonalData("concurrent company heads")
            .WithTags("Community big party committees").WithName("ListConcurrentCompanyHeads")
            .WithSummary("Party-member heads of property companies serving concurrently on a day (asOf), each once; a community's staff see their own");

        return app;
    }
}
