using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;

namespace RedProperty.Consultation.Actions;

public static class ActionEndpoints
{
    public static async Task<Created<ActionDetails>> Assign(
        Guid id, Guid itemId, AssignAction command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var meeting = await session.LoadAsync<MeetingDetails>(id, cancellationToken) ?? throw new ResourceNotFoundException($"No meeting with id {id}.");
        await CommunityScope.RequireAsync(http, session, meeting.CommunityId, cancellationToken);
        var owner = await session.LoadAsync<PartyDetails>(command.OwnerPartyId, cancellationToken)
            ?? throw new InvalidFieldException("ownerPartyId", $"No party with id {command.OwnerPartyId}.");
        var now = time.GetUtcNow();
        var assigned = ActionDecider.Assign(Guid.CreateVersion7(now), meeting, itemId, command, owner, now);
        return await session.Start<ActionItem, ActionDetails>(
            assigned.ActionId, assigned, ActionDetails.Create(assigned), $"/api/consultation/actions/{assigned.ActionId}", http.Response, cancellationToken);
    }

    public static async Task<Ok<ActionDetails>> Report(
        Guid id, ReportProgress command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var action = await session.LoadAsync<ActionDetails>(id, cancellationToken) ?? throw new ResourceNotFoundException($"No action item with id {id}.");
        await CommunityScope.RequireAsync(http, session, action.CommunityId, cancellationToken);
        return await session.Change<ActionItem, ActionDetails>(id, expected, a => ActionDecider.Report(a, command, time.GetUtcNow()), http.Response, cancellationToken);
    }
}

/// <summary>
/// Raises <see cref="ActionItemOverdue"/> once for every action item unfinished past its due day
/// (district days, the injected TimeProvider), every <c>Actions:OverdueCheckEvery</c> (10 min).
/// </summary>
public sealed class OverdueActions(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<OverdueActions> logger) : QuietPeriodicJob(time, logger)
{
    protected override TimeSpan Interval { get; } = configuration.GetValue("Actions:OverdueCheckEvery", TimeSpan.FromMinutes(10));

    protected override string Work => "Checking action items for overdue ones";

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => RaiseAsync(store, now, cancellationToken);

    public static async Task RaiseAsync(IDocumentStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DistrictCalendar.Today(now);
        await using var query = store.QuerySession();
        var late = await query.Query<ActionDetails>().Where(a => !a.Overdue && a.CompletedOn == null && a.DueOn < today).ToListAsync(cancellationToken);
        foreach (var action in late)
        {
            await using var session = store.LightweightSession();
            session.Events.Append(action.Id, action.Version + 1, new ActionItemOverdue(action.Id, action.MeetingId, action.CommunityId, action.OwnerPartyId, action.DueOn, today, now));
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Changed since it was read: the next pass looks again.
            }
        }
    }
}
