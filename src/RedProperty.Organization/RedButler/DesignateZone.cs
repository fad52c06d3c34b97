namespace RedProperty.Organization.RedButler;

/// <param name="EstateId">A registered estate (GET /api/organization/estates).</param>
/// <param name="DesignatedOn">The day the zone was designated (default today).</param>
public sealed record DesignateZone(Guid EstateId, IReadOnlyList<string> Buildings, IReadOnlyList<Guid> MemberIds, DateOnly? DesignatedOn = null);

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

public static class DesignateZoneDecider
{
    public static ResponsibilityZoneDesignated Decide(Guid id, DesignateZone command, Geography.EstateDetails estate, DateTimeOffset now) =>
        new(id, estate.Id, estate.Name, command.Buildings, command.MemberIds, now)
        {
            DesignatedOn = DistrictCalendar.FactDay(command.DesignatedOn, now, "designation"),
        };
}

public static class DesignateZoneEndpoint
{
    public static async Task<Created<ResponsibilityZoneDetails>> Handle(
        DesignateZone command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        await RedButlerRequirements.CurrentMembers(session, "memberIds", command.MemberIds, cancellationToken);
        var estate = await RedButlerRequirements.Estate(session, command.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var designated = DesignateZoneDecider.Decide(Guid.CreateVersion7(now), command, estate, now);
        return await session.Start<ResponsibilityZone, ResponsibilityZoneDetails>(designated.ZoneId, designated,
            ResponsibilityZoneDetailsProjection.Create(designated), $"/api/organization/responsibility-zones/{designated.ZoneId}", response, cancellationToken);
    }
}
