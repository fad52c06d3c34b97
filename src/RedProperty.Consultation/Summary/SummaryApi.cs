using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Proposals;

namespace RedProperty.Consultation.Summary;

public static class SummaryApi
{
    public static IEndpointRouteBuilder MapSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/consultation/summary", async Task<Ok<ConsultationSummary>> (IQuerySession session, TimeProvider time, string? asOf, CancellationToken ct) =>
            {
                var at = AsOf.Parse(asOf, time);
                var day = DistrictCalendar.Today(at);
                var heads = await ConcurrentHeads.OnAsync(session, day, null, ct);
                var meetings = await session.Query<MeetingDetails>().Where(m => m.HeldOn != null && m.HeldOn <= day).ToListAsync(ct);
                var actions = await session.Query<ActionDetails>().Where(a => a.AssignedAt <= at).ToListAsync(ct);
                var open = actions.Where(a => a.CompletedOn is null || a.CompletedOn > day).ToList();
                return TypedResults.Ok(new ConsultationSummary(
                    at, heads.Count, meetings.Count, meetings.Sum(m => m.Agenda.Count(i => i.Outcome == DecisionOutcome.Adopted)), open.Count,
                    open.Count(a => a.DueOn < day), await session.Query<CommitteeDetails>().CountAsync(c => c.TermFrom <= day, ct)));
            })
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithTags("Summary").WithName("GetConsultationSummary")
            .WithSummary("concurrentCompanyHeads, meetingsHeld, resolutionsAdopted, actionItemsOpen, actionItemsOverdue as of a day")
            .WithDescription("asOf=2022-06-30: by the dates things happened (appointments, meetings held, decisions, completion), until the end of that day, UTC+8.");

        app.MapGet("/api/consultation/trace/{sourceId:guid}", async Task<Results<Ok<IReadOnlyList<TraceStep>>, NotFound>> (Guid sourceId, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                // A community's staff follow their own community's items only; outside it, 404 as for none.
                var limit = CommunityScope.Limit(http);
                var proposals = (await session.Query<AgendaProposal>().Where(p => p.Source.SourceId == sourceId || p.Source.EventId == sourceId).ToListAsync(ct))
                    .Where(p => limit is null || p.CommunityId == limit).ToList();
                if (proposals.Count == 0)
                {
                    return TypedResults.NotFound();
                }

                var meetings = (await session.LoadManyAsync<MeetingDetails>(ct, proposals.Where(p => p.MeetingId is not null).Select(p => p.MeetingId!.Value).Distinct()))
                    .ToDictionary(m => m.Id);
                var itemIds = proposals.Select(p => p.ItemId).ToList();
                var actions = (await session.Query<ActionDetails>().Where(a => itemIds.Contains(a.ItemId)).ToListAsync(ct)).ToLookup(a => a.ItemId);
                var caller = Caller.Of(http.User);
                return TypedResults.Ok<IReadOnlyList<TraceStep>>([.. proposals.OrderBy(p => p.ProposedAt).Select(p =>
                {
                    var meeting = p.MeetingId is { } m ? meetings.GetValueOrDefault(m) : null;
                    var item = meeting?.Agenda.FirstOrDefault(i => i.Id == p.ItemId);
                    // The reasoning is part of the minutes: read where the minutes are.
                    var reasoning = meeting is not null && meeting.MinutesReadBy(caller) ? item?.Reasoning : null;
                    return new TraceStep(p.CommunityId, p.Source, p.ProposedAt, meeting?.Id, meeting?.Title, meeting?.HeldOn, p.ItemId, p.Title, item?.Outcome, reasoning,
                        [.. actions[p.ItemId]]);
                })]);
            })
            .ForRoles(Roles.Staff.Append(Roles.IntegrationClient).ToArray()).WithTags("Trace").WithName("TraceSource")
            .WithSummary("Follow another service's event (a complaint's id, a company's id or the event's id) to the agenda item, decision and action items it led to")
            .WithDescription("A community's staff see their own community's items; a decision's reasoning only where the meeting's minutes may be read.");
        return app;
    }
}
