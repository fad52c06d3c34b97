namespace RedProperty.Consultation.Meetings;

// A joint meeting (党建联席会议) of a community's parties, stream id = meeting id: convened, parties
// invited, a nested agenda (items may come from other services' events), attendance, held with
// minutes once a quorum is present, a decision per agenda item.

public enum MinutesVisibility
{
    Public,
    Participants,
    Internal,
}

public enum DecisionOutcome
{
    Adopted,
    Rejected,
    Deferred,
}

/// <summary>Where an agenda item came from: a person, or another service's event (kind, the thing's id, the event's id).</summary>
public sealed record AgendaSource(string Kind, Guid SourceId, Guid? EventId);

public sealed record MeetingConvened(Guid MeetingId, Guid CommunityId, string Title, DateTimeOffset At, string Place, string Convener, DateTimeOffset ConvenedAt);

public sealed record PartiesInvited(Guid MeetingId, IReadOnlyList<Guid> PartyIds, DateTimeOffset InvitedAt);

public sealed record AgendaItemAdded(Guid MeetingId, Guid ItemId, Guid? ParentId, string Title, string? Description, string Proposer, AgendaSource? Source, DateTimeOffset AddedAt);

public sealed record AttendanceRecorded(Guid MeetingId, Guid PartyId, bool Present, string? Representative, DateTimeOffset RecordedAt);

public sealed record MeetingHeld(
    Guid MeetingId, Guid CommunityId, DateOnly HeldOn, string Minutes, MinutesVisibility Visibility, int Invited, int Present, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => HeldOn;
}

public sealed record DecisionRecorded(
    Guid MeetingId, Guid CommunityId, Guid ItemId, string ItemTitle, DecisionOutcome Outcome, string Reasoning, int? VotesFor, int? VotesAgainst, int? Abstentions,
    bool Consensus, AgendaSource? Source, DateOnly DecidedOn, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => DecidedOn;
}

public sealed record AgendaItem(Guid Id, Guid? ParentId, string Title, AgendaSource? Source, DecisionOutcome? Outcome);

public sealed record JointMeeting(
    Guid Id, Guid CommunityId, DateTimeOffset At, IReadOnlyList<Guid> Invited, IReadOnlyDictionary<Guid, bool> Attendance, IReadOnlyList<AgendaItem> Agenda, DateOnly? HeldOn)
{
    public static JointMeeting Create(MeetingConvened e) => new(e.MeetingId, e.CommunityId, e.At, [], new Dictionary<Guid, bool>(), [], null);

    public JointMeeting Apply(PartiesInvited e) => this with { Invited = [.. Invited.Union(e.PartyIds)] };

    public JointMeeting Apply(AgendaItemAdded e) => this with { Agenda = [.. Agenda, new AgendaItem(e.ItemId, e.ParentId, e.Title, e.Source, null)] };

    public JointMeeting Apply(AttendanceRecorded e) => this with { Attendance = new Dictionary<Guid, bool>(Attendance) { [e.PartyId] = e.Present } };

    public JointMeeting Apply(MeetingHeld e) => this with { HeldOn = e.HeldOn };

    public JointMeeting Apply(DecisionRecorded e) => this with { Agenda = [.. Agenda.Select(i => i.Id == e.ItemId ? i with { Outcome = e.Outcome } : i)] };
}
