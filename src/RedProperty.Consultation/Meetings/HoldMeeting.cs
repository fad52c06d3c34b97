namespace RedProperty.Consultation.Meetings;

/// <summary>Record that the meeting was held, with its minutes and who may read them.</summary>
public sealed record HoldMeeting(DateOnly HeldOn, string Minutes, MinutesVisibility Visibility = MinutesVisibility.Participants);

public sealed class HoldMeetingValidator : AbstractValidator<HoldMeeting>
{
    public HoldMeetingValidator()
    {
        RuleFor(c => c.HeldOn).NotEmpty();
        RuleFor(c => c.Minutes).NotEmpty().MaximumLength(20_000);
        RuleFor(c => c.Visibility).IsInEnum();
    }
}

public static class HoldMeetingDecider
{
    /// <param name="quorum">The share of invited parties that must be present (<c>Meetings:Quorum</c>, default ½).</param>
    public static IReadOnlyList<object> Decide(JointMeeting meeting, HoldMeeting command, decimal quorum, DateTimeOffset now)
    {
        if (meeting.HeldOn is { } held)
        {
            throw new DomainException($"The meeting was held on {held:yyyy-MM-dd} already.");
        }

        var on = DistrictCalendar.FactDay(command.HeldOn, now, "meeting");
        var present = meeting.Attendance.Count(a => a.Value);
        if (meeting.Invited.Count == 0 || present < Math.Ceiling(meeting.Invited.Count * quorum))
        {
            throw new DomainException($"No quorum: {present} of {meeting.Invited.Count} invited parties present, {Math.Ceiling(meeting.Invited.Count * quorum)} needed.");
        }

        return [new MeetingHeld(meeting.Id, meeting.CommunityId, on, command.Minutes.Trim(), command.Visibility, meeting.Invited.Count, present, now)];
    }
}

public static class HoldMeetingEndpoint
{
    public static Task<Ok<MeetingDetails>> Handle(
        Guid id, HoldMeeting command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, IConfiguration configuration,
        CancellationToken cancellationToken) =>
        MeetingChange.Handle(id, expected, http, session,
            meeting => HoldMeetingDecider.Decide(meeting, command, configuration.GetValue("Meetings:Quorum", 0.5m), time.GetUtcNow()), cancellationToken);
}
