using System.Security.Claims;
using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Directory;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering;

public static class VolunteeringApi
{
    /// <summary>Who runs volunteering and mediation: the community's staff and district admins.</summary>
    private static readonly string[] Organisers = [Roles.CommunityStaff];

    private static readonly string[] Readers = [Roles.CommunityStaff, Roles.Instructor, Roles.Auditor];

    public static IEndpointRouteBuilder MapVolunteeringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/volunteering");

        var volunteers = api.MapGroup("/volunteers").WithTags("Volunteers");
        volunteers.MapPost("/", RegisterVolunteerEndpoint.Handle).Validate<RegisterVolunteer>().WithIdempotency()
            .ForRoles(Organisers).WithName("RegisterVolunteer")
            .WithSummary("Register a volunteer (party member, owners' committee member or grid worker) with their consent; one record per person (409 with existing)");
        volunteers.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                Places.ReadScoped<VolunteerDetails>(user, session, id, v => v.CommunityId, response, ct))
            .ForRoles(Readers).WithName("GetVolunteer").WithSummary("A volunteer's record: hours and stars (no phone, no ID number)");
        volunteers.MapGet("/{id:guid}/contact", async Task<Results<Ok<VolunteerContact>, NotFound>> (Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
                await Places.FindScoped<VolunteerDetails>(user, session, id, v => v.CommunityId, ct) is not null
                && await session.LoadAsync<VolunteerContact>(id, ct) is { } contact ? TypedResults.Ok(contact) : TypedResults.NotFound())
            .AuditsPersonalData("volunteer contact")
            .ForRoles(Organisers).WithName("GetVolunteerContact").WithSummary("A volunteer's phone (personal data: every read is audited)");
        volunteers.MapGet("/{id:guid}/certificate", async Task<Results<Ok<Certificate>, NotFound>> (Guid id, ClaimsPrincipal user, IQuerySession session, TimeProvider time, PersonKey keys, CancellationToken ct) =>
                await Places.FindScoped<VolunteerDetails>(user, session, id, v => v.CommunityId, ct) is { } volunteer
                    ? TypedResults.Ok(Certificates.Issue(volunteer, DistrictCalendar.Today(time.GetUtcNow()), keys))
                    : TypedResults.NotFound())
            .ForRoles(Organisers).WithName("IssueCertificate").WithSummary("A volunteer service certificate: hours, stars and a code anyone can verify");
        api.MapGet("/certificates/verify", (Guid volunteerId, decimal hours, int stars, DateOnly issuedOn, string code, PersonKey keys) =>
                TypedResults.Ok(new { valid = Certificates.Verify(volunteerId, hours, stars, issuedOn, code, keys) }))
            .AllowAnonymous().WithTags("Volunteers").WithName("VerifyCertificate")
            .WithSummary("Whether a certificate's figures were issued here (volunteerId, hours, stars, issuedOn, code); open to anyone who holds one");

        volunteers.MapGet("/", async Task<Ok<LedgerPage<VolunteerDetails>>> (
                ClaimsPrincipal user, IQuerySession session, TimeProvider time, Guid? communityId, string? source, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = session.Query<VolunteerDetails>().AsQueryable();
                if (await Listing.CommunityAsync(user, session, communityId, ct) is { } community)
                {
                    query = query.Where(v => v.CommunityId == community);
                }

                if (QueryEnum.Parse<VolunteerSource>(source, "source") is { } kind)
                {
                    query = query.Where(v => v.Source == kind);
                }

                return TypedResults.Ok(await Listing.PageAsync(query.OrderBy(v => v.Name), time, page, pageSize, ct));
            })
            .ForRoles(Readers).WithName("ListVolunteers").WithSummary("Volunteers (communityId, source, page, pageSize); a community's staff see their own");

        var teams = api.MapGroup("/teams").WithTags("Volunteer teams");
        teams.MapPost("/", TeamEndpoints.Form).Validate<FormTeam>().WithIdempotency()
            .ForRoles(Organisers).WithName("FormTeam").WithSummary("Form a community's Red Property volunteer team with its leader");
        teams.MapPost("/{id:guid}/members", TeamEndpoints.Join).Validate<JoinTeam>()
            .ForRoles(Organisers).WithName("JoinTeam").WithSummary("A volunteer joins the team").ProducesChangeProblems();
        teams.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                Places.ReadScoped<TeamDetails>(user, session, id, t => t.CommunityId, response, ct))
            .ForRoles(Readers).WithName("GetTeam").WithSummary("A team with its members and their sources");

        teams.MapGet("/", async Task<Ok<LedgerPage<TeamDetails>>> (ClaimsPrincipal user, IQuerySession session, TimeProvider time, Guid? communityId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = session.Query<TeamDetails>().AsQueryable();
                if (await Listing.CommunityAsync(user, session, communityId, ct) is { } community)
                {
                    query = query.Where(t => t.CommunityId == community);
                }

                return TypedResults.Ok(await Listing.PageAsync(query.OrderBy(t => t.FormedOn), time, page, pageSize, ct));
            })
            .ForRoles(Readers).WithName("ListTeams").WithSummary("Teams (communityId, page, pageSize); a community's staff see their own");

        var activities = api.MapGroup("/activities").WithTags("Volunteer activities");
        activities.MapGet("/types", (ActivityTypes types) => TypedResults.Ok(types.All))
            .ForRoles(Readers).WithName("ListActivityTypes").WithSummary("Activity types and the outcomes each records");
        activities.MapPost("/", ActivityEndpoints.Schedule).Validate<ScheduleActivity>().WithIdempotency()
            .ForRoles(Organisers).WithName("ScheduleActivity").WithSummary("Schedule an activity at an estate with a capacity");
        activities.MapPost("/{id:guid}/sign-ups", ActivityEndpoints.SignUp).Validate<VolunteerAt>()
            .ForRoles(Organisers).WithName("SignUp").WithSummary("Sign a volunteer up (409 when full)").ProducesChangeProblems();
        activities.MapPost("/{id:guid}/check-ins", ActivityEndpoints.CheckIn).Validate<VolunteerAt>()
            .ForRoles(Organisers).WithName("CheckIn").WithSummary("A volunteer checks in on site").ProducesChangeProblems();
        activities.MapPost("/{id:guid}/check-outs", ActivityEndpoints.CheckOut).Validate<VolunteerAt>()
            .ForRoles(Organisers).WithName("CheckOut").WithSummary("A volunteer checks out: the time on site goes on their record").ProducesChangeProblems();
        activities.MapPost("/{id:guid}/held", ActivityEndpoints.Held).Validate<RecordActivityHeld>()
            .ForRoles(Organisers).WithName("RecordActivityHeld").WithSummary("Record the activity as held, with its outcomes").ProducesChangeProblems();
        activities.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                Places.ReadScoped<ActivityDetails>(user, session, id, a => a.CommunityId, response, ct))
            .ForRoles(Readers).WithName("GetActivity").WithSummary("An activity: sign-ups, check-ins and -outs with hours, outcomes");

        var disputes = api.MapGroup("/disputes").WithTags("Neighbour-dispute mediation");
        disputes.MapPost("/", DisputeEndpoints.Register).Validate<RegisterDispute>().WithIdempotency()
            .ForRoles([Roles.CommunityStaff, Roles.Instructor]).WithName("RegisterDispute").WithSummary("Register a neighbour dispute (walk-in, from an instructor, from a complaint)");
        Change<TriageDispute>(disputes, "/{id:guid}/triage", DisputeEndpoints.Triage, "TriageDispute", "Accept the dispute for mediation, or refer it elsewhere");
        Change<AssignMediators>(disputes, "/{id:guid}/mediators", DisputeEndpoints.Assign, "AssignMediators", "Assign mediators: volunteers and instructors");
        Change<RecordSession>(disputes, "/{id:guid}/sessions", DisputeEndpoints.Session, "RecordMediationSession", "A mediation session: its hours count for the volunteer mediators");
        Change<ReachAgreement>(disputes, "/{id:guid}/agreement", DisputeEndpoints.Agree, "ReachAgreement", "The agreement: terms and a deadline for performing them");
        Change<RecordReturnVisit>(disputes, "/{id:guid}/return-visit", DisputeEndpoints.ReturnVisit, "RecordReturnVisit", "The return visit: was the agreement performed?");
        Change<CloseDispute>(disputes, "/{id:guid}/closure", DisputeEndpoints.Close, "CloseDispute", "Close and archive: agreed, notAgreed, withdrawn or unreachable");
        Change<EscalateDispute>(disputes, "/{id:guid}/escalation", DisputeEndpoints.Escalate, "EscalateDispute", "Bring an unresolved dispute to the community's joint meeting");
        disputes.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken ct) =>
                Places.ReadScoped<DisputeDetails>(user, session, id, d => d.CommunityId, response, ct))
            .ForRoles(Readers).WithName("GetDispute").WithSummary("A dispute with its history (without the parties' names)");
        disputes.MapGet("/", async Task<Ok<LedgerPage<DisputeDetails>>> (
                ClaimsPrincipal user, IQuerySession session, TimeProvider time, Guid? communityId, string? status, bool? overdue, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = session.Query<DisputeDetails>().AsQueryable();
                if (await Listing.CommunityAsync(user, session, communityId, ct) is { } community)
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
                await Places.FindScoped<DisputeDetails>(user, session, id, d => d.CommunityId, ct) is not null
                && await session.LoadAsync<DisputeParties>(id, ct) is { } parties ? TypedResults.Ok(parties) : TypedResults.NotFound())
            .AuditsPersonalData("dispute parties")
            .ForRoles([Roles.CommunityStaff, Roles.Instructor]).WithName("GetDisputeParties").WithSummary("The parties' names (personal data: every read is audited)");
        return app;
    }

    private static void Change<TCommand>(RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary) where TCommand : class =>
        group.MapPost(pattern, handler).Validate<TCommand>()
            .ForRoles([Roles.CommunityStaff, Roles.Instructor]).WithName(name).WithSummary(summary)
            .WithDescription("Requires If-Match with the ETag last read: 428 without it, 412 when stale; 409 when the dispute's status does not allow it.")
            .ProducesChangeProblems();
}

/// <summary>Lists limited to the caller's community, paged like the ledgers.</summary>
internal static class Listing
{
    /// <summary>The community a list covers: a community's staff get theirs (asking for another gives an empty list), others what they asked for.</summary>
    public static async Task<Guid?> CommunityAsync(ClaimsPrincipal user, IQuerySession session, Guid? asked, CancellationToken cancellationToken) =>
        await CommunityScopes.LimitAsync<CommunityEntry>(user, session, cancellationToken) is { } own
            ? (asked is null || asked == own ? own : Guid.Empty)
            : asked;

    public static async Task<LedgerPage<T>> PageAsync<T>(IQueryable<T> query, TimeProvider time, int? page, int? pageSize, CancellationToken cancellationToken) where T : notnull
    {
        var (number, size) = Ledger.Paging(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new LedgerPage<T>(time.GetUtcNow(), number, size, total, items);
    }
}
