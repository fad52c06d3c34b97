using Marten.Events.Aggregation;
using RedProperty.Consultation.Meetings;

namespace RedProperty.Consultation.Actions;

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
