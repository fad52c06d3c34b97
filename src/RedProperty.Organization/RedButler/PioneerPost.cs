using Marten.Events.Aggregation;

namespace RedProperty.Organization.RedButler;

// "Red butler" (红色管家): a party-member pioneer post (党员先锋岗), stream id = post id.

public sealed record PioneerPostDesignated(Guid PostId, string Post, Guid MemberId, Guid EstateId, string Estate, DateTimeOffset DesignatedAt) : IDatedFact
{
    public DateOnly DesignatedOn { get; init; }

    public DateOnly TookEffectOn() => DesignatedOn;
}

/// <summary>The post no longer counts from <paramref name="On"/>.</summary>
public sealed record PioneerPostRetired(Guid PostId, DateOnly On, string Reason, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record PioneerPost(Guid Id, DateOnly DesignatedOn, DateOnly? RetiredOn)
{
    public static PioneerPost Create(PioneerPostDesignated e) => new(e.PostId, e.DesignatedOn, null);

    public PioneerPost Apply(PioneerPostRetired e) => this with { RetiredOn = e.On };
}

public sealed record PioneerPostDetails(
    Guid Id, string Post, Guid MemberId, Guid EstateId, string Estate, DateOnly DesignatedOn, DateOnly? RetiredOn, string? RetiredReason) : IVersioned
{
    public long Version { get; set; }
}

public sealed class PioneerPostDetailsProjection : SingleStreamProjection<PioneerPostDetails, Guid>
{
    public static PioneerPostDetails Create(PioneerPostDesignated e) =>
        new(e.PostId, e.Post, e.MemberId, e.EstateId, e.Estate, e.DesignatedOn, null, null) { Version = 1 };

    public static PioneerPostDetails Apply(PioneerPostRetired e, PioneerPostDetails p) => p with { RetiredOn = e.On, RetiredReason = e.Reason };
}
