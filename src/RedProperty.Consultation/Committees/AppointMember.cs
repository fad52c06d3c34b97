using RedProperty.Consultation.Places;

namespace RedProperty.Consultation.Committees;

/// <summary>Appoint a member of the committee; with <paramref name="PartyMemberId"/> a party-member head of a property company serving concurrently.</summary>
public sealed record AppointMember(string Name, CommitteePosition Position, DateOnly From, DateOnly? To = null, Guid? PartyMemberId = null);

public sealed class AppointMemberValidator : AbstractValidator<AppointMember>
{
    public AppointMemberValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(50);
        RuleFor(c => c.Position).IsInEnum();
        RuleFor(c => c.To).GreaterThanOrEqualTo(c => c.From).When(c => c.To is not null);
        RuleFor(c => c.PartyMemberId).NotEqual(Guid.Empty);
    }
}

public static partial class AppointMemberDecider
{
    /// <param name="member">Organization's party member, when one is named (the endpoint refuses unknown ones).</param>
    public static IReadOnlyList<object> Decide(CommunityPartyCommittee committee, AppointMember command, PartyMemberEntry? member, DateTimeOffset now)
    {
        var to = command.To ?? committee.TermTo;
        if (command.From < committee.TermFrom || to > committee.TermTo)
        {
            throw new DomainException($"An appointment lies within the committee's term, {committee.TermFrom:yyyy-MM-dd} to {committee.TermTo:yyyy-MM-dd}.");
        }

        if (command.Position == CommitteePosition.Secretary
            && committee.Appointments.FirstOrDefault(a => a.Position == CommitteePosition.Secretary && a.Overlaps(command.From, to)) is { } secretary)
        {
            throw new DomainException($"{secretary.Name} is the secretary then; end that appointment first.");
        }

        if (member is not null)
        {
            if (!member.IsCompanyHead || member.Left)
            {
                throw new DomainException($"{member.Name} does not head a property company (legal representative, general manager or deputy), so cannot serve as a concurrent member.");
            }

            if (committee.Appointments.Any(a => a.PartyMemberId == member.Id && a.Overlaps(command.From, to)))
            {
                throw new DomainException($"{member.Name} serves on the committee then already.");
            }
        }

        return [new CommitteeMemberAppointed(committee.Id, committee.CommunityId, Guid.CreateVersion7(now), command.Name.Trim(), command.Position, command.From, to,
            member?.Id, member?.CompanyId, now)];
    }
}

public static class AppointMemberEndpoint
{
    public static async Task<Ok<CommitteeDetails>> Handle(
        Guid id, AppointMember command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        PartyMemberEntry? member = null;
        if (command.PartyMemberId is { } memberId
            && (member = await session.LoadAsync<PartyMemberEntry>(memberId, cancellationToken)) is not { Name.Length: > 0 })
        {
            throw new InvalidFieldException("partyMemberId", $"No party member with id {memberId} is known.");
        }

        await CommitteeScope.Require(http, session, id, cancellationToken);
        return await session.Change<CommunityPartyCommittee, CommitteeDetails>(
            id, expected, committee => AppointMemberDecider.Decide(committee, command, member, time.GetUtcNow()), http.Response, cancellationToken);
    }
}
