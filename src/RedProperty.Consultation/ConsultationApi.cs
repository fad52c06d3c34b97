using System.Security.Claims;
using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;

namespace RedProperty.Consultation;

public static class ConsultationApi
{
    /// <summary>Who runs a community's consultation: its staff (their own community) and district admins.</summary>
    private static readonly string[] Organisers = [Roles.CommunityStaff];

    private static readonly string[] Readers = [Roles.CommunityStaff, Roles.CompanyUser, Roles.Inspector, Roles.Instructor, Roles.Auditor];

    public static IEndpointRouteBuilder MapConsultationApi(this IEndpointRouteBuilder app)
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
        committees.MapPost("/{id:guid}/members/{appointmentId:guid}/end", AppointMemberEndpoint.End).Validate<EndAppointment>()
            .ForRoles(Organisers).WithName("EndCommitteeAppointment")
            .WithSummary("End an appointment on its last day")
            .ProducesChangeProblems();
        committees.MapGet("/{id:guid}", async Task<Results<Ok<CommitteeDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = await CommunityScope.LimitAsync(http, session, ct);
                return await session.Read<CommitteeDetails>(id, http.Response, ct, c => limit is null || c.CommunityId == limit);
            })
            .ForRoles(Readers).WithName("GetCommittee").WithSummary("A committee with its appointments and its version as ETag");
        committees.MapGet("/", async Task<Ok<IReadOnlyList<CommitteeDetails>>> (HttpContext http, IQuerySession session, Guid? communityId, CancellationToken ct) =>
            {
                var limit = await CommunityScope.LimitAsync(http, session, ct);
                var query = session.Query<CommitteeDetails>().AsQueryable();
                if ((limit ?? communityId) is { } community)
                {
                    query = query.Where(c => c.CommunityId == community);
                }

                return TypedResults.Ok<IReadOnlyList<CommitteeDetails>>(await query.ToListAsync(ct));
            })
            .ForRoles(Readers).WithName("ListCommittees").WithSummary("Committees (communityId); a community's staff see their own");
        api.MapGet("/concurrent-company-heads", async Task<Ok<IReadOnlyList<Appointment>>> (IQuerySession session, TimeProvider time, string? asOf, Guid? communityId, CancellationToken ct) =>
                TypedResults.Ok(await ConcurrentHeads.OnAsync(session, DistrictCalendar.Today(AsOf.Parse(asOf, time)), communityId, ct)))
            .ForRoles(Readers.Append(Roles.IntegrationClient).ToArray()).WithTags("Community big party committees").WithName("ListConcurrentCompanyHeads")
            .WithSummary("Party-member heads of property companies serving concurrently on a day (asOf), each once");

        var parties = api.MapGroup("/parties").WithTags("Parties at the table");
        parties.MapPost("/", RegisterPartyEndpoint.Handle).Validate<RegisterParty>().WithIdempotency()
            .ForRoles(Organisers).WithName("RegisterParty")
            .WithSummary("Register a residents' committee, owners' committee, property company or local unit of a community");
        parties.MapGet("/{id:guid}", async Task<Results<Ok<PartyDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = await CommunityScope.LimitAsync(http, session, ct);
                return await session.Read<PartyDetails>(id, http.Response, ct, p => limit is null || p.CommunityId == limit);
            })
            .ForRoles(Readers).WithName("GetParty").WithSummary("A party (without its contacts)");
        parties.MapGet("/{id:guid}/contacts", async Task<Results<Ok<PartyContacts>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<PartyDetails>(id, ct) is { } party
                && (await CommunityScope.LimitAsync(http, session, ct) is not { } limit || party.CommunityId == limit)
                && await session.LoadAsync<PartyContacts>(id, ct) is { } contacts
                    ? TypedResults.Ok(contacts)
                    : TypedResults.NotFound())
            .AuditsPersonalData("party contacts")
            .ForRoles(Organisers).WithName("GetPartyContacts").WithSummary("Whom to reach at a party (personal data: every read is audited)");
        parties.MapGet("/", async Task<Ok<IReadOnlyList<PartyDetails>>> (HttpContext http, IQuerySession session, Guid? communityId, CancellationToken ct) =>
            {
                var limit = await CommunityScope.LimitAsync(http, session, ct);
                var query = session.Query<PartyDetails>().AsQueryable();
                if ((limit ?? communityId) is { } community)
                {
                    query = query.Where(p => p.CommunityId == community);
                }

                return TypedResults.Ok<IReadOnlyList<PartyDetails>>(await query.OrderBy(p => p.Name).ToListAsync(ct));
            })
            .ForRoles(Readers).WithName("ListParties").WithSummary("Parties (communityId); a community's staff see their own");

        var meetings = api.MapGroup("/meetings").WithTags("Joint meetings");
        meetings.MapPost("/", ConveneMeetingEndpoint.Handle).Validate<ConveneMeeting>().WithIdempotency()
            .ForRoles(Organisers).WithName("ConveneMeeting")
            .WithSummary("Convene a joint meeting (党建联席会议); proposals waiting for the community's next meeting join its agenda");
        meetings.MapPost("/{id:guid}/invitations", PrepareMeetingEndpoints.Invite).Validate<InviteParties>()
            .ForRoles(Organisers).WithName("InviteParties").WithSummary("Invite parties of the meeting's community").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/agenda", PrepareMeetingEndpoints.AddItem).Validate<AddAgendaItem>()
            .ForRoles(Organisers).WithName("AddAgendaItem").WithSummary("Add an agenda item (parentId nests it under another)").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/attendance", PrepareMeetingEndpoints.Attend).Validate<RecordAttendance>()
            .ForRoles(Organisers).WithName("RecordAttendance").WithSummary("Record whether an invited party came").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/held", HoldMeetingEndpoint.Handle).Validate<HoldMeeting>()
            .ForRoles(Organisers).WithName("HoldMeeting")
            .WithSummary("Record the meeting as held, with minutes; 409 without a quorum (Meetings:Quorum of the invited present, default half)").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/agenda/{itemId:guid}/decision", DecideItemEndpoint.Handle).Validate<DecideItem>()
            .ForRoles(Organisers).WithName("DecideAgendaItem").WithSummary("The decision on an agenda item: adopted, rejected or deferred").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/agenda/{itemId:guid}/actions", ActionEndpoints.Assign).Validate<AssignAction>().WithIdempotency()
            .ForRoles(Organisers).WithName("AssignAction").WithSummary("An action item for an adopted resolution: owner party, title, due day");
        meetings.MapGet("/{id:guid}", async Task<Results<Ok<MeetingDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = await CommunityScope.LimitAsync(http, session, ct);
                var read = await session.Read<MeetingDetails>(id, http.Response, ct, m => limit is null || m.CommunityId == limit);
                return read.Result is Ok<MeetingDetails> { Value: { } meeting } ? TypedResults.Ok(meeting.As(Caller.Of(http.User))) : read;
            })
            .ForRoles(Readers).WithName("GetMeeting").WithSummary("A meeting: invitations, agenda with decisions, attendance, minutes");
        meetings.MapGet("/", async Task<Ok<IReadOnlyList<MeetingDetails>>> (HttpContext http, IQuerySession session, Guid? communityId, CancellationToken ct) =>
            {
                var limit = await CommunityScope.LimitAsync(http, session, ct);
                var query = session.Query<MeetingDetails>().AsQueryable();
                if ((limit ?? communityId) is { } community)
                {
                    query = query.Where(m => m.CommunityId == community);
                }

                var caller = Caller.Of(http.User);
                return TypedResults.Ok<IReadOnlyList<MeetingDetails>>([.. (await query.OrderByDescending(m => m.At).Take(500).ToListAsync(ct)).Select(m => m.As(caller))]);
            })
            .ForRoles(Readers).WithName("ListMeetings").WithSummary("Meetings, newest first (communityId); a community's staff see their own");

        var actions = api.MapGroup("/actions").WithTags("Action items");
        actions.MapPost("/{id:guid}/progress", ActionEndpoints.Report).Validate<ReportProgress>()
            .ForRoles(Organisers).WithName("ReportActionProgress").WithSummary("Progress 0–100 (never backwards); 100 completes it").ProducesChangeProblems();
        actions.MapGet("/{id:guid}", async Task<Results<Ok<ActionDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = await CommunityScope.LimitAsync(http, session, ct);
                return await session.Read<ActionDetails>(id, http.Response, ct, a => limit is null || a.CommunityId == limit);
            })
            .ForRoles(Readers).WithName("GetAction").WithSummary("An action item with its progress reports");
        return app;
    }
}
