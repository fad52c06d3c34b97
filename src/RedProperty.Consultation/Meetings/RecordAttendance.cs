namespace RedProperty.Consultation.Meetings;

public sealed record RecordAttendance(Guid PartyId, bool Present, string? Representative = null);

public sealed class RecordAttendanceValidator : AbstractValidator<RecordAttendance>
{
    public RecordAttendanceValidator()
    {
        RuleFor(c => c.PartyId).NotEmpty();
        RuleFor(c => c.Representative).MaximumLength(50);
    }
}

public static partial class PrepareMeetingDecider
{
    public static IReadOnlyList<object> Attend(JointMeeting meeting, RecordAttendance command, DateTimeOffset now)
    {
        NotHeld(meeting, "recording attendance");
        if (!meeting.Invited.Contains(command.PartyId))
        {
            throw new DomainException("Only invited parties attend; invite the party first.");
        }

        return [new AttendanceRecorded(meeting.Id, command.PartyId, command.Present, Text.OrNull(command.Representative), now)];
    }
}

public static class RecordAttendanceEndpoint
{
    public static Task<Ok<MeetingDetails>> Handle(
        Guid id, RecordAttendance command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken) =>
        MeetingChange.Handle(id, expected, http, session, meeting => PrepareMeetingDecider.Attend(meeting, command, time.GetUtcNow()), cancellationToken);
}
