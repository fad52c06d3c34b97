using RedProperty.Consultation.Parties;

namespace RedProperty.Consultation.Meetings;

// Preparing a convened meeting: invite parties, add agenda items, record who came.

public sealed record InviteParties(IReadOnlyList<Guid> PartyIds);

public sealed class InvitePartiesValidator : AbstractValidator<InviteParties>
{
    public InvitePartiesValidator() => RuleFor(c => c.PartyIds).NotEmpty().Must(p => p.Count <= 100).WithMessage("1 to 100 parties.");
}

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

public sealed record RecordAttendance(Guid PartyId, bool Present, string? Representative = null);

public sealed class RecordAttendanceValidator : AbstractValidator<RecordAttendance>
{
    public RecordAttendanceValidator()
    {
        RuleFor(c => c.PartyId).NotEmpty();
        RuleFor(c => c.Representative).MaximumLength(50);
    }
}

public static class PrepareMeetingDecider
{
    private static void NotHeld(JointMeeting meeting, string what)
    {
        if (meeting.HeldOn is { } held)
        {
            throw new DomainException($"The meeting was held on {held:yyyy-MM-dd}; {what} comes before.");
        }
    }

    public static IReadOnlyList<object> Invite(JointMeeting meeting, IReadOnlyList<MeetingParty> parties, DateTimeOffset now)
    {
        NotHeld(meeting, "inviting");
        if (parties.FirstOrDefault(p => p.CommunityId != meeting.CommunityId) is { } outsider)
        {
            throw new DomainException($"{outsider.Name} belongs to another community.");
        }

        var fresh = parties.Select(p => p.Id).Except(meeting.Invited).ToList();
        return fresh.Count == 0 ? [] : [new PartiesInvited(meeting.Id, fresh, now)];
    }

    public static IReadOnlyList<object> AddItem(JointMeeting meeting, AddAgendaItem command, DateTimeOffset now)
    {
        NotHeld(meeting, "setting the agenda");
        if (command.ParentId is { } parent && meeting.Agenda.All(i => i.Id != parent))
        {
            throw new InvalidFieldException("parentId", $"No agenda item {parent} in this meeting.");
        }

        return [new AgendaItemAdded(meeting.Id, Guid.CreateVersion7(now), command.ParentId, command.Title.Trim(), Text.OrNull(command.Description), command.Proposer.Trim(), null, now)];
    }

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

public static class PrepareMeetingEndpoints
{
    public static async Task<Ok<MeetingDetails>> Invite(
        Guid id, InviteParties command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var parties = await session.LoadManyAsync<PartyDetails>(cancellationToken, command.PartyIds.Distinct());
        if (command.PartyIds.Except(parties.Select(p => p.Id)).ToList() is [var unknown, ..])
        {
            throw new InvalidFieldException("partyIds", $"No party with id {unknown}.");
        }

        var meetingParties = parties.Select(p => new MeetingParty(p.Id, p.Kind, p.Name, p.CommunityId, p.CompanyId)).ToList();
        return await MeetingChange.Handle(id, expected, http, session, meeting => PrepareMeetingDecider.Invite(meeting, meetingParties, time.GetUtcNow()), cancellationToken);
    }

    public static Task<Ok<MeetingDetails>> AddItem(
        Guid id, AddAgendaItem command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken) =>
        MeetingChange.Handle(id, expected, http, session, meeting => PrepareMeetingDecider.AddItem(meeting, command, time.GetUtcNow()), cancellationToken);

    public static Task<Ok<MeetingDetails>> Attend(
        Guid id, RecordAttendance command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken) =>
        MeetingChange.Handle(id, expected, http, session, meeting => PrepareMeetingDecider.Attend(meeting, command, time.GetUtcNow()), cancellationToken);
}
