using Marten.Events.Aggregation;

namespace RedProperty.Organization.RedButler;

// "Red butler" (红色管家): a party-member responsibility zone (党员责任区), stream id = zone id.

public sealed record ResponsibilityZoneDesignated(Guid ZoneId, Guid EstateId, string Estate, IReadOnlyList<string> Buildings, IReadOnlyList<Guid> MemberIds, DateTimeOffset DesignatedAt) : IDatedFact
{
    public DateOnly DesignatedOn { get; init; }

    public DateOnly TookEffectOn() => DesignatedOn;
}

/// <summary>The zone no longer counts from <paramref name="On"/>.</summary>
public sealed record ResponsibilityZoneRetired(Guid ZoneId, DateOnly On, string Reason, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record ResponsibilityZone(Guid Id, DateOnly DesignatedOn, DateOnly? RetiredOn)
{
    public static ResponsibilityZone Create(ResponsibilityZoneDesignated e) => new(e.ZoneId, e.DesignatedOn, null);

    public ResponsibilityZone Apply(ResponsibilityZoneRetired e) => this with { RetiredOn = e.On };
}

/// <param name="Estate">The estate's name when the zone was designated.</param>
public sealed record ResponsibilityZoneDetails(
    Guid Id, Guid EstateId, string Estate, IReadOnlyList<string> Buildings, IReadOnlyList<Guid> MemberIds, DateOnly DesignatedOn,
    DateOnly? RetiredOn, string? RetiredReason) : IVersioned
{
    public long Version { get; set; }
}

public sealed class ResponsibilityZoneDetailsProjection : SingleStreamProjection<ResponsibilityZoneDetails, Guid>
{
    public static ResponsibilityZoneDetails Create(ResponsibilityZoneDesignated e) =>
        new(e.ZoneId, e.EstateId, e.Estate, e.Buildings, e.MemberIds, e.DesignatedOn, null, null) { Version = 1 };

    public static ResponsibilityZoneDetails Apply(ResponsibilityZoneRetired e, ResponsibilityZoneDetails z) => z with { RetiredOn = e.On, RetiredReason = e.Reason };
}
