using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JasperFx.Events;
using RedProperty.Evaluation.Complaints;

namespace RedProperty.Evaluation.Hotline;

/// <summary>
/// What the hotline is told when a complaint it handed on changes: it closes its work order when we resolve
/// and records the owner's return-visit (回访) satisfaction when we close. <c>sequence</c> orders a work
/// order's updates (a receiver keeps the highest); <c>id</c> is the same on every retry of one update.
/// No personal data: the work order's number and our notes only.
/// </summary>
public sealed record HotlineStatusUpdate(
    Guid Id, string WorkOrder, Guid ComplaintId, string Status, DateTimeOffset At, long Sequence, string? Note = null, int? Satisfaction = null);

/// <summary>An update waiting to be delivered to the hotline, with its attempts; dead-lettered after the last one.</summary>
public sealed record HotlineCallback(Guid Id, HotlineStatusUpdate Update, DateTimeOffset QueuedAt)
{
    public int Attempts { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }

    public string? LastError { get; init; }

    public bool DeadLettered { get; init; }

    /// <summary>The update for a complaint event, or null when the hotline has no use for it.</summary>
    public static HotlineStatusUpdate? UpdateFor(IEvent e, string workOrder) => e.Data switch
    {
        ComplaintAccepted a => new(e.Id, workOrder, a.ComplaintId, "accepted", a.AcceptedAt, e.Sequence, a.Note),
        ComplaintRuledOut r => new(e.Id, workOrder, r.ComplaintId, r.Ruling == Ruling.Invalid ? "ruledInvalid" : "ruledDuplicate", r.RuledAt, e.Sequence, r.Reason),
        ComplaintResolved r => new(e.Id, workOrder, r.ComplaintId, "resolved", r.ResolvedAt, e.Sequence, r.Note),
        ComplaintReopened r => new(e.Id, workOrder, r.ComplaintId, "reopened", r.ReopenedAt, e.Sequence, r.Reason),
        ComplaintClosed c => new(e.Id, workOrder, c.ComplaintId, "closed", c.ClosedAt, e.Sequence, c.Note, c.Satisfaction),
        _ => null,
    };

    public static readonly Type[] Events = [typeof(ComplaintAccepted), typeof(ComplaintRuledOut), typeof(ComplaintResolved), typeof(ComplaintReopened), typeof(ComplaintClosed)];
}

/// <summary>
/// The signature a receiver checks: <c>X-RedProperty-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"
/// with the shared secret&gt;</c>. The time is signed too, so a receiver can refuse an old message replayed.
/// </summary>
public static class HotlineSignature
{
    public const string Header = "X-RedProperty-Signature";
    public const string DeliveryHeader = "X-RedProperty-Delivery";

    public static string Sign(byte[] secret, long unixSeconds, string body) =>
        $"t={unixSeconds},v1={Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{unixSeconds}.{body}")))}";

    public static string Body(HotlineStatusUpdate update) => JsonSerializer.Serialize(update, JsonSerializerOptions.Web);
}
