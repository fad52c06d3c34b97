using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using static RedProperty.Consultation.ConsultationRoles;

namespace RedProperty.Consultation.Meetings;

public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/consultation").MapGroup("/meetings").WithTags("Joint meetings");
        meetings.MapPost("/", ConveneMeetingEndpoint.Handle).Validate<ConveneMeeting>().WithIdempotency()
            .ForRoles(Organisers).WithName("ConveneMeeting")
            .WithSummary("Convene a joint meeting (党建联席会议); proposals waiting for the community's next meeting join its agenda");
        meetings.MapPost("/{id:guid}/invitations", InvitePartiesEndpoint.Handle).Validate<InviteParties>()
            .ForRoles(Organisers).WithName("InviteParties").WithSummary("Invite parties of the meeting's community").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/agenda", AddAgendaItemEndpoint.Handle).Validate<AddAgendaItem>()
            .ForRoles(Organisers).WithName("AddAgendaItem").WithSummary("Add an agenda item (parentId nests it under another)").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/attendance", RecordAttendanceEndpoint.Handle).Validate<RecordAttendance>()
            .ForRoles(Organisers).WithName("RecordAttendance").WithSummary("Record whether an invited party came").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/held", HoldMeetingEndpoint.Handle).Validate<HoldMeeting>()
            .ForRoles(Organisers).WithName("HoldMeeting")
            .WithSummary("Record the meeting as held, with minutes; 409 without a quorum (Meetings:Quorum of the invited present, default half)").ProducesChangeProblems();
        meetings.MapPost("/{id:guid}/agenda/{itemId:guid}/decision", DecideItemEndpoint.Handle).Validate<DecideItem>()
            .ForRoles(Organisers).WithName("DecideAgendaItem").WithSummary("The decision on an agenda item: adopted, rejected or deferred").ProducesChangeProblems();

        // Assigning an action lives in Actions/, but its route is a meeting's agenda item's, under this group and tag.
        meetings.MapPost("/{id:guid}/agenda/{itemId:guid}/actions", AssignActionEndpoint.Handle).Validate<AssignAction>().WithIdempotency()
            .ForRoles(Organisers).WithName("AssignAction").WithSummary("An action item for an adopted resolution: owner party, title, due day");
        meetings.MapGet("/{id:guid}", async Task<Results<Ok<MeetingDetails>, NotFound>> (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var limit = CommunityScope.Limit(http);
                var read = await session.Read<MeetingDetails>(id, http.Response, ct, m => limit is null || m.CommunityId == limit);
                return read.Result is Ok<MeetingDetails> { Value: { } meeting } ? TypedResults.Ok(meeting.As(Caller.Of(http.User))) : read;
            })
            .ForRoles(Readers).WithName("GetMeeting").WithSummary("A meeting: invitations, agenda with decisions, attendance, minutes");
        meetings.MapGet("/", async Task<Ok<IReadOnlyList<MeetingDetails>>> (HttpContext http, IQuerySession session, Guid? communityId, CancellationToken ct) =>
            {
                var limit = CommunityScope.Limit(http);
                var query = session.Query<MeetingDetails>().AsQueryable();
                if ((limit ?? communityId) is { } community)
                {
                    query = query.Where(m => m.CommunityId == community);
                }

                var caller = Caller.Of(http.User);
                return TypedResults.Ok<IReadOnlyList<MeetingDetails>>([.. (await query.OrderByDescending(m => m.At).Take(500).ToListAsync(ct)).Select(m => m.As(caller))]);
            })
            .ForRoles(Readers).WithName("ListMeetings").WithSummary("Meetings, newest first (communityId); a community's staff see their own");

        return app;
    }
}
