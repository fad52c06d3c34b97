using RedProperty.Consultation.Meetings;

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
