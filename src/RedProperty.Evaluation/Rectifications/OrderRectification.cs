namespace RedProperty.Evaluation.Rectifications;

/// <summary>The district orders a company to rectify (besides the orders the black list and failed inspections give).</summary>
/// <param name="Deadline">Default: <c>Rectifications:DeadlineDays</c> (30) after today.</param>
public sealed record OrderRectification(Guid CompanyId, string Reason, DateOnly? Deadline = null);

public sealed class OrderRectificationValidator : AbstractValidator<OrderRectification>
{
    public OrderRectificationValidator()
    {
        RuleFor(c => c.CompanyId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
    }
}

public static class RectificationOrders
{
    public static int DeadlineDays(IConfiguration configuration) => configuration.GetValue("Rectifications:DeadlineDays", 30);

    public static RectificationOrdered Decide(
        Guid id, RectificationSource source, Guid? sourceId, Guid companyId, string reason, DateOnly on, DateOnly? deadline, int deadlineDays, DateTimeOffset now)
    {
        var due = deadline ?? on.AddDays(deadlineDays);
        if (due <= on)
        {
            throw new DomainException($"A deadline ({due:yyyy-MM-dd}) comes after the order ({on:yyyy-MM-dd}).");
        }

        return new RectificationOrdered(id, companyId, source, sourceId, reason.Trim(), on, due, now);
    }

    /// <summary>Starts an order in the session (saved with whatever caused it: a black list, an inspection).</summary>
    public static RectificationOrdered Start(
        IDocumentSession session, RectificationSource source, Guid? sourceId, Guid companyId, string reason, DateOnly on, IConfiguration configuration,
        DateTimeOffset now, DateOnly? deadline = null)
    {
        var ordered = Decide(Guid.CreateVersion7(now), source, sourceId, companyId, reason, on, deadline, DeadlineDays(configuration), now);
        session.Events.StartStream<RectificationOrder>(ordered.OrderId, ordered);
        return ordered;
    }
}

public static class OrderRectificationEndpoint
{
    public static async Task<Created<RectificationDetails>> Handle(
        OrderRectification command, IDocumentSession session, TimeProvider time, IConfiguration configuration, HttpResponse response, CancellationToken cancellationToken)
    {
        await Companies.CompanyDirectory.Require(session, "companyId", command.CompanyId, cancellationToken);
        var now = time.GetUtcNow();
        var ordered = RectificationOrders.Decide(Guid.CreateVersion7(now), RectificationSource.District, null, command.CompanyId, command.Reason,
            DistrictCalendar.Today(now), command.Deadline, RectificationOrders.DeadlineDays(configuration), now);
        return await session.Start<RectificationOrder, RectificationDetails>(
            ordered.OrderId, ordered, RectificationDetails.Create(ordered), $"/api/evaluation/rectifications/{ordered.OrderId}", response, cancellationToken);
    }
}
