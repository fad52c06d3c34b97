using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;

namespace RedProperty.Consultation.Actions;

/// <summary>An action item for an adopted resolution: who does what by when.</summary>
public sealed record AssignAction(Guid OwnerPartyId, string Title, DateOnly DueOn);

public sealed class AssignActionValidator : AbstractValidator<AssignAction>
{
    public AssignActionValidator()
    {
        RuleFor(c => c.OwnerPartyId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.DueOn).NotEmpty();
    }
}

// One partial class across the action use cases' files: the decider tests call it by this name.
public static partial class ActionDecider
{
    public static ActionItemAssigned Assign(Guid id, MeetingDetails meeting, Guid itemId, AssignAction command, PartyDetails owner, DateTimeOffset now)
    {
        var item = meeting.Agenda.FirstOrDefault(i => i.Id == itemId) ?? throw new ResourceNotFoundException($"No agenda item {itemId} in this meeting.");
        if (item.Outcome != DecisionOutcome.Adopted)
        {
            throw new DomainException("Action items follow from an adopted resolution; this item is " + (item.Outcome?.ToString() ?? "undecided") + ".");
        }

        if (owner.CommunityId != meeting.CommunityId)
        {
            throw new DomainException($"{owner.Name} is a party of another community.");
        }

        if (command.DueOn < meeting.HeldOn)
        {
            throw new DomainException($"Due before the meeting ({meeting.HeldOn:yyyy-MM-dd}) is not possible.");
        }

        return new ActionItemAssigned(id, meeting.Id, itemId, meeting.CommunityId, owner.Id, command.Title.Trim(), command.DueOn, item.Source, now);
    }
}

public static class AssignActionEndpoint
{
    public static async Task<Created<ActionDetails>> Handle(
        Guid id, Guid itemId, AssignAction command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var meeting = await session.LoadAsync<MeetingDetails>(id, cancellationToken) ?? throw new ResourceNotFoundException($"No meeting with id {id}.");
        CommunityScope.Require(http, meeting.CommunityId);
        var owner = await session.LoadAsync<PartyDetails>(command.OwnerPartyId, cancellationToken)
            ?? throw new InvalidFieldException("ownerPartyId", $"No party with id {command.OwnerPartyId}.");
        var now = time.GetUtcNow();
        var assigned = ActionDecider.Assign(Guid.CreateVersion7(now), meeting, itemId, command, owner, now);
        return await session.Start<ActionItem, ActionDetails>(
            assigned.ActionId, assigned, ActionDetails.Create(assigned), $"/api/consultation/actions/{assigned.ActionId}", http.Response, cancellationToken);
    }
}
