namespace RedProperty.Consultation.Meetings;

/// <param name="ParentId">The item this one is a sub-item of (agendas nest).</param>
public sealed record AddAgendaItem(string Title, string Proposer, string? Description = null, Guid? ParentId = null);

public sealed class AddAgendaItemValidator : AbstractValidator<AddAgendaItem>
{
    public AddAgendaItemValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Proposer).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Description).MaximumLength(4000);
    }
}

public static partial class PrepareMeetingDecider
{
    public static IReadOnlyList<object> AddItem(JointMeeting meeting, AddAgendaItem command, DateTimeOffset now)
    {
        NotHeld(meeting, "setting the agenda");
        if (command.ParentId is { } parent && meeting.Agenda.All(i => i.Id != parent))
        {
            throw new InvalidFieldException("parentId", $"No agenda item {parent} in this meeting.");
        }

        return [new AgendaItemAdded(meeting.Id, Guid.CreateVersion7(now), command.ParentId, command.Title.Trim(), Text.OrNull(command.Description), command.Proposer.Trim(), null, now)];
    }
}

public static class AddAgendaItemEndpoint
{
    public static Task<Ok<MeetingDetails>> Handle(
        Guid id, AddAgendaItem command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken) =>
        MeetingChange.Handle(id, expected, http, session, meeting => PrepareMeetingDecider.AddItem(meeting, command, time.GetUtcNow()), cancellationToken);
}
