using RedProperty.Consultation.Committees;

namespace RedProperty.Consultation.Actions;

public sealed record ReportProgress(int Progress, string? Note = null, DateOnly? On = null);

public sealed class ReportProgressValidator : AbstractValidator<ReportProgress>
{
    public ReportProgressValidator()
    {
        RuleFor(c => c.Progress).InclusiveBetween(0, 100);
        RuleFor(c => c.Note).MaximumLength(2000);
    }
}

public static partial class ActionDecider
{
    public static IReadOnlyList<object> Report(ActionItem action, ReportProgress command, DateTimeOffset now)
    {
        if (action.CompletedOn is { } done)
        {
            throw new DomainException($"The action item was completed on {done:yyyy-MM-dd}.");
        }

        if (command.Progress < action.Progress)
        {
            throw new DomainException($"Progress does not go back: it stands at {action.Progress}.");
        }

        var on = DistrictCalendar.FactDay(command.On, now, "progress");
        object reported = new ActionProgressReported(action.Id, command.Progress, Text.OrNull(command.Note), on, now);
        return command.Progress == 100
            ? [reported, new ActionItemCompleted(action.Id, action.MeetingId, action.ItemId, action.CommunityId, action.OwnerPartyId, action.Source, on, now)]
            : [reported];
    }
}

public static class ReportProgressEndpoint
{
    public static async Task<Ok<ActionDetails>> Handle(
        Guid id, ReportProgress command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var action = await session.LoadAsync<ActionDetails>(id, cancellationToken) ?? throw new ResourceNotFoundException($"No action item with id {id}.");
        CommunityScope.Require(http, action.CommunityId);
        return await session.Change<ActionItem, ActionDetails>(id, expected, a => ActionDecider.Report(a, command, time.GetUtcNow()), http.Response, cancellationToken);
    }
}
