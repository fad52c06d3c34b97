using Marten.Events.Aggregation;
using RedProperty.Consultation.Committees;

namespace RedProperty.Consultation.Meetings;

public sealed record AgendaItemDetails(Guid Id, Guid? ParentId, string Title, string? Description, string Proposer, AgendaSource? Source)
{
    public DecisionOutcome? Outcome { get; init; }

    public string? Reasoning { get; init; }

    public int? VotesFor { get; init; }

    public int? VotesAgainst { get; init; }

    public int? Abstentions { get; init; }

    public bool Consensus { get; init; }
}

public sealed record AttendanceDetails(Guid PartyId, bool Present, string? Representative);

public sealed record MeetingDetails(Guid Id, Guid CommunityId, string Title, DateTimeOffset At, string Place, string Convener) : IVersioned
{
    public IReadOnlyList<Guid> Invited { get; init; } = [];

    public IReadOnlyList<AttendanceDetails> Attendance { get; init; } = [];

    public IReadOnlyList<AgendaItemDetails> Agenda { get; init; } = [];

    public DateOnly? HeldOn { get; init; }

    public string? Minutes { get; init; }

    public MinutesVisibility? MinutesVisibility { get; init; }

    public long Version { get; set; }

    /// <summary>Minutes not made public are read by the meeting's organisers only (the community's staff, district admins).</summary>
    public bool MinutesReadBy(Caller caller) =>
        MinutesVisibility is null or Meetings.MinutesVisibility.Public || caller.Is(Roles.DistrictAdmin) || caller.Is(Roles.CommunityStaff);

    public MeetingDetails As(Caller caller) => MinutesReadBy(caller) ? this : this with { Minutes = null };
}

public sealed class MeetingDetailsProjection : SingleStreamProjection<MeetingDetails, Guid>
{
    public static MeetingDetails Create(MeetingConvened e) => new(e.MeetingId, e.CommunityId, e.Title, e.At, e.Place, e.Convener);

    public static MeetingDetails Apply(PartiesInvited e, MeetingDetails m) => m with { Invited = [.. m.Invited.Union(e.PartyIds)] };

    public static MeetingDetails Apply(AgendaItemAdded e, MeetingDetails m) =>
        m with { Agenda = [.. m.Agenda, new AgendaItemDetails(e.ItemId, e.ParentId, e.Title, e.Description, e.Proposer, e.Source)] };

    public static MeetingDetails Apply(AttendanceRecorded e, MeetingDetails m) =>
        m with { Attendance = [.. m.Attendance.Where(a => a.PartyId != e.PartyId), new AttendanceDetails(e.PartyId, e.Present, e.Representative)] };

    public static MeetingDetails Apply(MeetingHeld e, MeetingDetails m) => m with { HeldOn = e.HeldOn, Minutes = e.Minutes, MinutesVisibility = e.Visibility };

    public static MeetingDetails Apply(DecisionRecorded e, MeetingDetails m) =>
        m with
        {
            Agenda = [.. m.Agenda.Select(i => i.Id == e.ItemId
                ? i with { Outcome = e.Outcome, Reasoning = e.Reasoning, VotesFor = e.VotesFor, VotesAgainst = e.VotesAgainst, Abstentions = e.Abstentions, Consensus = e.Consensus }
                : i)],
        };
}

/// <summary>The "change" use case for meetings: the community scope first (404 outside it), then If-Match and the decider.</summary>
public static class MeetingChange
{
    public static async Task<Ok<MeetingDetails>> Handle(
        Guid id, ExpectedVersion expected, HttpContext http, IDocumentSession session, Func<JointMeeting, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<MeetingDetails>(id, cancellationToken) is not { } meeting)
        {
            throw new ResourceNotFoundException($"No meeting with id {id}.");
        }

        CommunityScope.Require(http, meeting.CommunityId);
        return await session.Change<JointMeeting, MeetingDetails>(id, expected, decide, http.Response, cancellationToken);
    }
}
