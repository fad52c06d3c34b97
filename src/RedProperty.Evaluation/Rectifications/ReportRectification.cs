namespace RedProperty.Evaluation.Rectifications;

/// <summary>The company reports what it put right.</summary>
public sealed record ReportRectification(string Report);

public sealed class ReportRectificationValidator : AbstractValidator<ReportRectification>
{
    public ReportRectificationValidator() => RuleFor(c => c.Report).NotEmpty().MaximumLength(4000);
}

public static class ReportRectificationDecider
{
    public static IReadOnlyList<object> Decide(RectificationOrder order, ReportRectification command, string by, DateTimeOffset now) =>
        order.Status == RectificationStatus.Rectified
            ? throw new DomainException("The order has been verified as rectified.")
            : [new RectificationReported(order.Id, order.CompanyId, command.Report.Trim(), by, now)];
}

public static class ReportRectificationEndpoint
{
    public static async Task<Ok<RectificationDetails>> Handle(
        Guid id, ReportRectification command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        // Another company's order is a 404, like one that does not exist.
        if (await session.LoadAsync<RectificationDetails>(id, cancellationToken) is not { } order || !caller.Sees(order.CompanyId))
        {
            throw new ResourceNotFoundException($"No rectification order with id {id}.");
        }

        return await session.Change<RectificationOrder, RectificationDetails>(
            id, expected, o => ReportRectificationDecider.Decide(o, command, caller.Name, time.GetUtcNow()), http.Response, cancellationToken);
    }
}
