using RedProperty.Organization.Geography;
using RedProperty.Organization.Members;

namespace RedProperty.Organization.RedButler;

// "Red butler" (红色管家): party-member responsibility zones (党员责任区) and pioneer posts (党员先锋岗).

public sealed record ResponsibilityZoneDesignated(Guid ZoneId, Guid EstateId, string Estate, IReadOnlyList<string> Buildings, IReadOnlyList<Guid> MemberIds, DateTimeOffset DesignatedAt) : IDatedFact
{
    public DateOnly DesignatedOn { get; init; }

    public DateOnly TookEffectOn() => DesignatedOn;
}

public sealed record PioneerPostDesignated(Guid PostId, string Post, Guid MemberId, Guid EstateId, string Estate, DateTimeOffset DesignatedAt) : IDatedFact
{
    public DateOnly DesignatedOn { get; init; }

    public DateOnly TookEffectOn() => DesignatedOn;
}

/// <param name="Estate">The estate's name when the zone was designated.</param>
public sealed record ResponsibilityZone(Guid Id, Guid EstateId, string Estate, IReadOnlyList<string> Buildings, IReadOnlyList<Guid> MemberIds)
{
    public static ResponsibilityZone Create(ResponsibilityZoneDesignated e) => new(e.ZoneId, e.EstateId, e.Estate, e.Buildings, e.MemberIds);
}

public sealed record PioneerPost(Guid Id, string Post, Guid MemberId, Guid EstateId, string Estate)
{
    public static PioneerPost Create(PioneerPostDesignated e) => new(e.PostId, e.Post, e.MemberId, e.EstateId, e.Estate);
}

/// <param name="EstateId">A registered estate (GET /api/organization/estates).</param>
public sealed record DesignateZone(Guid EstateId, IReadOnlyList<string> Buildings, IReadOnlyList<Guid> MemberIds, DateOnly? DesignatedOn = null);

public sealed record DesignatePost(string Post, Guid MemberId, Guid EstateId, DateOnly? DesignatedOn = null);

public sealed class DesignateZoneValidator : AbstractValidator<DesignateZone>
{
    public DesignateZoneValidator()
    {
        RuleFor(z => z.EstateId).NotEmpty();
        RuleFor(z => z.Buildings).NotEmpty();
        RuleForEach(z => z.Buildings).NotEmpty().MaximumLength(50);
        RuleFor(z => z.MemberIds).NotEmpty();
        RuleForEach(z => z.MemberIds).NotEmpty();
    }
}

public sealed class DesignatePostValidator : AbstractValidator<DesignatePost>
{
    public DesignatePostValidator()
    {
        RuleFor(p => p.Post).NotEmpty().MaximumLength(100);
        RuleFor(p => p.EstateId).NotEmpty();
        RuleFor(p => p.MemberId).NotEmpty();
    }
}

public static class RedButlerEndpoints
{
    public static async Task<Created<ResponsibilityZone>> DesignateZone(
        DesignateZone command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await RequireCurrentMembers(session, "memberIds", command.MemberIds, cancellationToken);
        var estate = await RequireEstate(session, command.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var designated = new ResponsibilityZoneDesignated(Guid.CreateVersion7(now), estate.Id, estate.Name, command.Buildings, command.MemberIds, now)
        {
            DesignatedOn = DistrictCalendar.FactDay(command.DesignatedOn, now, "designation"),
        };
        session.Events.StartStream<ResponsibilityZone>(designated.ZoneId, designated);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/organization/responsibility-zones/{designated.ZoneId}", ResponsibilityZone.Create(designated));
    }

    public static async Task<Created<PioneerPost>> DesignatePost(
        DesignatePost command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await RequireCurrentMembers(session, "memberId", [command.MemberId], cancellationToken);
        var estate = await RequireEstate(session, command.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var designated = new PioneerPostDesignated(Guid.CreateVersion7(now), command.Post.Trim(), command.MemberId, estate.Id, estate.Name, now)
        {
            DesignatedOn = DistrictCalendar.FactDay(command.DesignatedOn, now, "designation"),
        };
        session.Events.StartStream<PioneerPost>(designated.PostId, designated);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/organization/pioneer-posts/{designated.PostId}", PioneerPost.Create(designated));
    }

    public static async Task<Results<Ok<ResponsibilityZone>, NotFound>> GetZone(Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.Events.AggregateStreamAsync<ResponsibilityZone>(id, token: cancellationToken) is { } zone
            ? TypedResults.Ok(zone)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<PioneerPost>, NotFound>> GetPost(Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.Events.AggregateStreamAsync<PioneerPost>(id, token: cancellationToken) is { } post
            ? TypedResults.Ok(post)
            : TypedResults.NotFound();

    private static async Task<EstateDetails> RequireEstate(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await session.LoadAsync<EstateDetails>(id, cancellationToken) ?? throw new InvalidFieldException("estateId", $"No estate with id {id} is registered.");

    // Only a current party member can show identity at a post or hold a zone.
    private static async Task RequireCurrentMembers(IQuerySession session, string field, IReadOnlyList<Guid> memberIds, CancellationToken cancellationToken)
    {
        var members = await session.LoadManyAsync<MemberDetails>(cancellationToken, memberIds);
        var current = members.Where(m => m.CountsAsMember).Select(m => m.Id).ToHashSet();
        if (memberIds.Where(id => !current.Contains(id)).ToList() is [var missing, ..])
        {
            throw new InvalidFieldException(field, $"{missing} is not a current party member.");
        }
    }
}
