namespace RedProperty.Consultation.Meetings;

/// <summary>The meeting's decision on an agenda item: by votes, or by consensus.</summary>
public sealed record DecideItem(DecisionOutcome Outcome, string Reasoning, bool Consensus = false, int? VotesFor = null, int? VotesAgainst = null, int? Abstentions = null);

public sealed class DecideItemValidator : AbstractValidator<DecideItem>
{
    public DecideItemValidator()
    {
        RuleFor(c => c.Outcome).IsInEnum();
        RuleFor(c => c.Reasoning).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.VotesFor).InclusiveBetween(0, 1000);
        RuleFor(c => c.VotesAgainst).InclusiveBetween(0, 1000);
        RuleFor(c => c.Abstentions).InclusiveBetween(0, 1000);
        RuleFor(c => c.VotesFor).NotNull().When(c => !c.Consensus).WithMessage("Give the votes, or say it was by consensus.");
    }
}

public static class DecideItemDecider
{
    public static IReadOnlyList<object> Decide(JointMeeting meeting, Guid itemId, DecideItem command, DateTimeOffset now)
    {
        if (meeting.HeldOn is not { } held)
        {
            throw new DomainException("Decisions are recorded once the meeting has been held.");
        }

        var item = meeting.Agenda.FirstOrDefault(i => i.Id == itemId) ?? throw new ResourceNotFoundException($"No agenda item {itemId} in this meeting.");
        if (item.Outcome is { } outcome)
        {
            throw new DomainException($"The item was decided already ({outcome}).");
        }

        if (!command.Consensus && command.Outcome == DecisionOutcome.Adopted && command.VotesFor <= (command.VotesAgainst ?? 0))
        {
            throw new DomainException($"Adopted with {command.VotesFor} for and {command.VotesAgainst} against: a resolution needs more votes for than against.");
        }

        return [new DecisionRecorded(meeting.Id, meeting.CommunityId, item.Id, item.Title, command.Outcome, command.Reasoning.Trim(), command.VotesFor, command.VotesAgainst,
            command.Abstentions, command.Consensus, item.Source, held, now)];
    }
}

public static class DecideItemEndpoint
{
    public static Task<Ok<MeetingDetails>> Handle(
        Guid id, Guid itemId, DecideItem command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken) =>
        MeetingChange.Handle(id, expected, http, session, meeting => DecideItemDecider.Decide(meeting, itemId, command, time.GetUtcNow()), cancellationToken);
}
