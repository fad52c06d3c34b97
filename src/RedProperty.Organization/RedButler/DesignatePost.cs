namespace RedProperty.Organization.RedButler;

/// <param name="DesignatedOn">The day the post was designated (default today).</param>
public sealed record DesignatePost(string Post, Guid MemberId, Guid EstateId, DateOnly? DesignatedOn = null);

public sealed class DesignatePostValidator : AbstractValidator<DesignatePost>
{
    public DesignatePostValidator()
    {
        RuleFor(p => p.Post).NotEmpty().MaximumLength(100);
        RuleFor(p => p.EstateId).NotEmpty();
        RuleFor(p => p.MemberId).NotEmpty();
    }
}

public static class DesignatePostDecider
{
    public static PioneerPostDesignated Decide(Guid id, DesignatePost command, Geography.EstateDetails estate, DateTimeOffset now) =>
        new(id, command.Post.Trim(), command.MemberId, estate.Id, estate.Name, now)
        {
            DesignatedOn = DistrictCalendar.FactDay(command.DesignatedOn, now, "designation"),
        };
}

public static class DesignatePostEndpoint
{
    public static async Task<Created<PioneerPostDetails>> Handle(
        DesignatePost command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        await RedButlerRequirements.CurrentMembers(session, "memberId", [command.MemberId], cancellationToken);
        var estate = await RedButlerRequirements.Estate(session, command.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var designated = DesignatePostDecider.Decide(Guid.CreateVersion7(now), command, estate, now);
        return await session.Start<PioneerPost, PioneerPostDetails>(designated.PostId, designated,
            PioneerPostDetailsProjection.Create(designated), $"/api/organization/pioneer-posts/{designated.PostId}", response, cancellationToken);
    }
}
