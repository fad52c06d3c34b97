namespace RedProperty.Volunteering.Disputes;

// A neighbour dispute (邻里纠纷) brought to mediation, stream id = dispute id: registered, triaged
// (accepted or referred elsewhere), mediators assigned, sessions held, an agreement with a deadline
// for performing it, a return visit, and closed (archived) with its outcome. A month is the target;
// past it unclosed it is overdue, and an unresolved dispute is escalated to the community's joint
// meeting. The parties' names stay in this service.

public enum DisputeSource
{
    WalkIn,
    Instructor,
    Complaint,
}

public enum DisputeOutcome
{
    Agreed,
    NotAgreed,
    Withdrawn,
    Unreachable,
}

public enum DisputeStatus
{
    Registered,
    Accepted,
    Referred,
    Agreed,
    Closed,
}

public sealed record DisputeRegistered(
    Guid DisputeId, Guid CommunityId, Guid? EstateId, IReadOnlyList<string> Parties, string Summary, DisputeSource Source, Guid? SourceId, DateOnly RegisteredOn,
    DateOnly TargetOn, DateTimeOffset RegisteredAt) : IDatedFact
{
    public DateOnly TookEffectOn() => RegisteredOn;
}

public sealed record DisputeTriaged(Guid DisputeId, bool Accepted, string? ReferredTo, string? Note, DateTimeOffset TriagedAt);

public sealed record MediatorsAssigned(Guid DisputeId, IReadOnlyList<Guid> VolunteerIds, IReadOnlyList<Guid> InstructorIds, DateTimeOffset AssignedAt);

public sealed record MediationSessionHeld(Guid DisputeId, DateOnly On, decimal Hours, IReadOnlyList<Guid> VolunteerIds, string? Notes, DateTimeOffset RecordedAt);

public sealed record AgreementReached(Guid DisputeId, string Terms, DateOnly PerformBy, DateOnly On, DateTimeOffset RecordedAt);

public sealed record ReturnVisitMade(Guid DisputeId, DateOnly On, bool Performed, string? Notes, DateTimeOffset RecordedAt);

public sealed record DisputeClosed(Guid DisputeId, Guid CommunityId, DisputeOutcome Outcome, bool Mediated, DateOnly On, DateTimeOffset RecordedAt) : IDatedFact
{
    /// <summary>Resolved (化解): closed as agreed, and the return visit found the agreement kept.</summary>
    public bool Resolved { get; init; }

    public DateOnly TookEffectOn() => On;
}

public sealed record DisputeOverdue(Guid DisputeId, Guid CommunityId, DateOnly TargetOn, DateTimeOffset RaisedAt);

public sealed record DisputeEscalated(Guid DisputeId, Guid CommunityId, string Reason, DateOnly On, DateTimeOffset RecordedAt);

public sealed record Dispute(
    Guid Id, Guid CommunityId, DisputeStatus Status, DateOnly RegisteredOn, IReadOnlyList<Guid> VolunteerMediators, int Sessions, bool Escalated, bool ReturnVisited)
{
    /// <summary>What the latest return visit found: the parties did as they agreed.</summary>
    public bool AgreementKept { get; init; }

    public bool Open => Status is not (DisputeStatus.Closed or DisputeStatus.Referred);

    public static Dispute Create(DisputeRegistered e) => new(e.DisputeId, e.CommunityId, DisputeStatus.Registered, e.RegisteredOn, [], 0, false, false);

    public Dispute Apply(DisputeTriaged e) => this with { Status = e.Accepted ? DisputeStatus.Accepted : DisputeStatus.Referred };

    public Dispute Apply(MediatorsAssigned e) => this with { VolunteerMediators = [.. VolunteerMediators.Union(e.VolunteerIds)] };

    public Dispute Apply(MediationSessionHeld e) => this with { Sessions = Sessions + 1 };

    public Dispute Apply(AgreementReached e) => this with { Status = DisputeStatus.Agreed };

    public Dispute Apply(ReturnVisitMade e) => this with { ReturnVisited = true, AgreementKept = e.Performed };

    public Dispute Apply(DisputeClosed e) => this with { Status = DisputeStatus.Closed };

    public Dispute Apply(DisputeOverdue e) => this;

    public Dispute Apply(DisputeEscalated e) => this with { Escalated = true };
}

/// <summary>
/// Mediation rules. Mediation time by volunteer mediators counts as their volunteer hours (policy):
/// each session's hours are recorded on every volunteer mediator who took part.
/// </summary>
/// <remarks>Each command's rule lives with its use case (TriageDispute.cs, …); what they share is here.</remarks>
public static partial class DisputeDecider
{
    public const int TargetDays = 30;

    private static void Accepted(Dispute dispute, string what)
    {
        if (dispute.Status is DisputeStatus.Registered)
        {
            throw new DomainException($"Accept the dispute before {what}.");
        }

        if (!dispute.Open)
        {
            throw new DomainException($"The dispute is {dispute.Status.ToString().ToLowerInvariant()}; nothing more is {what}.");
        }
    }
}
