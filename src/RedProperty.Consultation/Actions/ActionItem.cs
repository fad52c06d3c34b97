using Marten.Events.Aggregation;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;

namespace RedProperty.Consultation.Actions;

// An action item from an adopted resolution (stream id = action id): an owner party, a due date,
// progress 0–100, done at 100; overdue once past its due date unfinished.

public sealed record ActionItemAssigned(
    Guid ActionId, Guid MeetingId, Guid ItemId, Guid CommunityId, Guid OwnerPartyId, string Title, DateOnly DueOn, AgendaSource? Source, DateTimeOffset AssignedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => DistrictCalendar.Today(AssignedAt);
}

public sealed record ActionProgressReported(Guid ActionId, int Progress, string? Note, DateOnly On, DateTimeOffset RecordedAt);

public sealed record ActionItemCompleted(Guid ActionId, Guid MeetingId, Guid ItemId, Guid CommunityId, Guid OwnerPartyId, AgendaSource? Source, DateOnly On, DateTimeOffset RecordedAt)
    : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record ActionItemOverdue(Guid ActionId, Guid MeetingId, Guid CommunityId, Guid OwnerPartyId, DateOnly DueOn, DateOnly On, DateTimeOffset RaisedAt);

public sealed record ActionItem(Guid Id, Guid MeetingId, Guid ItemId, Guid CommunityId, Guid OwnerPartyId, AgendaSource? Source, DateOnly DueOn, int Progress, DateOnly? CompletedOn)
{
    public static ActionItem Create(ActionItemAssigned e) => new(e.ActionId, e.MeetingId, e.ItemId, e.CommunityId, e.OwnerPartyId, e.Source, e.DueOn, 0, null);

    public ActionItem Apply(ActionProgressReported e) => this with { Progress = e.Progress };

    public ActionItem Apply(ActionItemCompleted e) => this with { CompletedOn = e.On };

    public ActionItem Apply(ActionItemOverdue e) => this;
}

/// <summary>An action item for an adopted resolution: who does what by when.</summary>
public sealed record AssignAction(Guid OwnerPartyId, string Title, DateOnly DueOn);

public sealed class AssignActionValidator : AbstractValidator<AssignAction>
{
    public AssignActionValidator()
    {
        RuleFor(c => c.OwnerPartyId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.DueOn).NotEmpty();
    }
}

public sealed record ReportProgress(int Progress, string? Note = null, DateOnly? On = null);

public sealed class ReportProgressValidator : AbstractValidator<ReportProgress>
{
    public ReportProgressValidator()
    {
        RuleFor(c => c.Progress).InclusiveBetween(0, 100);
        RuleFor(c => c.Note).MaximumLength(2000);
    }
}

public static class ActionDecider
{
    public static ActionItemAssigned Assign(Guid id, MeetingDetails meeting, Guid itemId, AssignAction command, PartyDetails owner, DateTimeOffset now)
    {
        var item = meeting.Agenda.FirstOrDefault(i => i.Id == itemId) ?? throw new ResourceNotFoundException($"No agenda item {itemId} in this meeting.");
        if (item.Outcome != DecisionOutcome.Adopted)
        {
            throw new DomainException("Action items follow from an adopted resolution; this item is " + (item.Outcome?.ToString() ?? "undecided") + ".");
        }

        if (owner.CommunityId != meeting.CommunityId)
        {
            throw new DomainException($"{owner.Name} is a party of another community.");
        }

        if (command.DueOn < meeting.HeldOn)
        {
            throw new DomainException($"Due before the meeting ({meeting.HeldOn:yyyy-MM-dd}) is not possible.");
        }

        return new ActionItemAssigned(id, meeting.Id, itemId, meeting.CommunityId, owner.Id, command.Title.Trim(), command.DueOn, item.Source, now);
    }

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

public sealed record ActionDetails(
    Guid Id, Guid MeetingId, Guid ItemId, Guid CommunityId, Guid OwnerPartyId, string Title, DateOnly DueOn, AgendaSource? Source, DateTimeOffset AssignedAt) : IVersioned
{
    public int Progress { get; init; }

    public DateOnly? CompletedOn { get; init; }

    public bool Overdue { get; init; }

    public IReadOnlyList<ActionProgressReported> Reports { get; init; } = [];

    public long Version { get; set; }

    public static ActionDetails Create(ActionItemAssigned e) =>
        new(e.ActionId, e.MeetingId, e.ItemId, e.CommunityId, e.OwnerPartyId, e.Title, e.DueOn, e.Source, e.AssignedAt) { Version = 1 };
}

public sealed class ActionDetailsProjection : SingleStreamProjection<ActionDetails, Guid>
{
    public static ActionDetails Create(ActionItemAssigned e) => ActionDetails.Create(e);

    public static ActionDetails Apply(ActionProgressReported e, ActionDetails a) => a with { Progress = e.Progress, Reports = [.. a.Reports, e] };

    public static ActionDetails Apply(ActionItemCompleted e, ActionDetails a) => a with { CompletedOn = e.On };

    public static ActionDetails Apply(ActionItemOverdue e, ActionDetails a) => a with { Overdue = true };
}
