namespace RedProperty.Organization.RedButler;

/// <summary>A zone or post stops counting from <paramref name="On"/> (e.g. the estate changed hands, the member moved).</summary>
public sealed record Retire(DateOnly On, string Reason);

public sealed class RetireValidator : AbstractValidator<Retire>
{
    public RetireValidator()
    {
        RuleFor(r => r.On).NotEmpty();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(200);
    }
}

/// <summary>The same rule for zones and posts: once, not before the designation, not in the future.</summary>
public static class RetireDecider
{
    public static DateOnly Decide(DateOnly designatedOn, DateOnly? retiredOn, Retire command, DateTimeOffset now)
    {
        if (retiredOn is { } retired)
        {
            throw new DomainException($"Already retired on {retired:yyyy-MM-dd}.");
        }

        var on = DistrictCalendar.FactDay(command.On, now, "retirement");
        return on < designatedOn ? throw new DomainException($"Designated on {designatedOn:yyyy-MM-dd}; it cannot retire before.") : on;
    }

    public static IReadOnlyList<object> Decide(ResponsibilityZone zone, Retire command, DateTimeOffset now) =>
        [new ResponsibilityZoneRetired(zone.Id, Decide(zone.DesignatedOn, zone.RetiredOn, command, now), command.Reason.Trim(), now)];

    public static IReadOnlyList<object> Decide(PioneerPost post, Retire command, DateTimeOffset now) =>
        [new PioneerPostRetired(post.Id, Decide(post.DesignatedOn, post.RetiredOn, command, now), command.Reason.Trim(), now)];
}

public static class RetireEndpoints
{
    public static Task<Ok<ResponsibilityZoneDetails>> Zone(
        Guid id, Retire command, ExpectedVersion expected, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken ct) =>
        session.Change<ResponsibilityZone, ResponsibilityZoneDetails>(id, expected, zone => RetireDecider.Decide(zone, command, time.GetUtcNow()), response, ct);

    public static Task<Ok<PioneerPostDetails>> Post(
        Guid id, Retire command, ExpectedVersion expected, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken ct) =>
        session.Change<PioneerPost, PioneerPostDetails>(id, expected, post => RetireDecider.Decide(post, command, time.GetUtcNow()), response, ct);
}
