using RedProperty.Evaluation.Inspections;

namespace RedProperty.Evaluation.Rectifications;

/// <summary>A follow-up inspection verifies a reported rectification: passed, it is rectified; failed, the order stands.</summary>
public static class RectificationFollowUp
{
    public static IReadOnlyList<object> Decide(RectificationOrder order, SpotInspectionRecorded inspection)
    {
        if (order.CompanyId != inspection.CompanyId)
        {
            throw new DomainException("The follow-up inspection is of an estate another company serves.");
        }

        if (order.Status != RectificationStatus.Reported)
        {
            throw new DomainException(order.Status == RectificationStatus.Rectified
                ? "The order has been verified as rectified."
                : "The company has not reported its rectification yet.");
        }

        return [new RectificationVerified(order.Id, order.CompanyId, inspection.InspectionId, inspection.Passed, inspection.On, inspection.RecordedAt)];
    }

    public static async Task Verify(IDocumentSession session, Guid orderId, SpotInspectionRecorded inspection, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<RectificationOrder>(orderId, cancellationToken);
        if (stream.Aggregate is null)
        {
            throw new InvalidFieldException("rectificationId", $"No rectification order with id {orderId}.");
        }

        stream.AppendMany(Decide(stream.Aggregate, inspection));
    }
}
