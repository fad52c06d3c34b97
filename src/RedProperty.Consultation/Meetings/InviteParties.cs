using RedProperty.Consultation.Parties;

namespace RedProperty.Consultation.Meetings;

public sealed record InviteParties(IReadOnlyList<Guid> PartyIds);

public sealed class InvitePartiesValidator : AbstractValidator<InviteParties>
{
    public InvitePartiesValidator() => RuleFor(c => c.PartyIds).NotEmpty().Must(p => p.Count <= 100).WithMessage("1 to 100 parties.");
}

public static partial class PrepareMeetingDecider
{
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
}

public static class InvitePartiesEndpoint
{
    public static async Task<Ok<MeetingDetails>> Handle(
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
}
