using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Places;
using RedProperty.Consultation.Proposals;

namespace RedProperty.Consultation.Meetings;

/// <summary>Convene a joint meeting of a community; proposals waiting for the community's next meeting join its agenda.</summary>
public sealed record ConveneMeeting(Guid CommunityId, string Title, DateTimeOffset At, string Place, string Convener);

public sealed class ConveneMeetingValidator : AbstractValidator<ConveneMeeting>
{
    public ConveneMeetingValidator()
    {
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Place).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Convener).NotEmpty().MaximumLength(50);
        RuleFor(c => c.At).Must(PlausibleDates.Contains).WithMessage(PlausibleDates.Message);
    }
}

public static class ConveneMeetingDecider
{
    public static IReadOnlyList<object> Decide(Guid id, ConveneMeeting command, IReadOnlyList<AgendaProposal> waiting, DateTimeOffset now) =>
    [
        new MeetingConvened(id, command.CommunityId, command.Title.Trim(), command.At, command.Place.Trim(), command.Convener.Trim(), now),
        .. waiting.Select(p => new AgendaItemAdded(id, p.ItemId, null, p.Title, p.Description, p.Proposer, p.Source, now)),
    ];
}

public static class ConveneMeetingEndpoint
{
    public static async Task<Created<MeetingDetails>> Handle(
        ConveneMeeting command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<CommunityEntry>(command.CommunityId, cancellationToken) is null)
        {
            throw new InvalidFieldException("communityId", $"No community with id {command.CommunityId} is registered.");
        }

        CommunityScope.Require(http, command.CommunityId);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var waiting = await session.Query<AgendaProposal>().Where(p => p.CommunityId == command.CommunityId && p.MeetingId == null).ToListAsync(cancellationToken);
        var events = ConveneMeetingDecider.Decide(id, command, waiting, now);
        foreach (var proposal in waiting)
        {
            session.Store(proposal with { MeetingId = id });
        }

        session.Events.StartStream<JointMeeting>(id, events.ToArray());
        await session.SaveChangesAsync(cancellationToken);
        http.Response.SetETag(events.Count);
        return TypedResults.Created($"/api/consultation/meetings/{id}", (await session.LoadAsync<MeetingDetails>(id, cancellationToken))!);
    }
}
