using Marten.Events.Aggregation;

namespace RedProperty.Volunteering.Disputes;

public sealed record DisputeStep(string What, DateTimeOffset At, string? Note);

public sealed record DisputeDetails(Guid Id, Guid CommunityId, Guid? EstateId, string Summary, DisputeSource Source, Guid? SourceId, DateOnly RegisteredOn, DateOnly TargetOn) : IVersioned
{
    public DisputeStatus Status { get; init; } = DisputeStatus.Registered;

    public IReadOnlyList<Guid> VolunteerMediators { get; init; } = [];

    public IReadOnlyList<Guid> InstructorMediators { get; init; } = [];

    public decimal MediationHours { get; init; }

    public string? AgreementTerms { get; init; }

    public DateOnly? PerformBy { get; init; }

    public DisputeOutcome? Outcome { get; init; }

    public bool Mediated { get; init; }

    /// <summary>What the latest return visit found: the parties did as they agreed.</summary>
    public bool AgreementKept { get; init; }

    /// <summary>Resolved (化解), as the report counts disputes: closed as agreed, and the agreement kept at the return visit.</summary>
    public bool Resolved => Status == DisputeStatus.Closed && Outcome == DisputeOutcome.Agreed && AgreementKept;

    public DateOnly? ClosedOn { get; init; }

    public bool Overdue { get; init; }

    public bool Escalated { get; init; }

    public IReadOnlyList<DisputeStep> History { get; init; } = [];

    public long Version { get; set; }
}

/// <summary>The parties' names: personal data, read through the audited endpoint only.</summary>
public sealed record DisputeParties(Guid Id, IReadOnlyList<string> Parties);

public sealed class DisputeDetailsProjection : SingleStreamProjection<DisputeDetails, Guid>
{
    public static DisputeDetails Create(DisputeRegistered e) =>
        new(e.DisputeId, e.CommunityId, e.EstateId, e.Summary, e.Source, e.SourceId, e.RegisteredOn, e.TargetOn) { History = [new("registered", e.RegisteredAt, null)], Version = 1 };

    private static DisputeDetails Step(DisputeDetails d, string what, DateTimeOffset at, string? note) => d with { History = [.. d.History, new DisputeStep(what, at, note)] };

    public static DisputeDetails Apply(DisputeTriaged e, DisputeDetails d) =>
        Step(d, e.Accepted ? "accepted" : "referred", e.TriagedAt, e.ReferredTo ?? e.Note) with { Status = e.Accepted ? DisputeStatus.Accepted : DisputeStatus.Referred };

    public static DisputeDetails Apply(MediatorsAssigned e, DisputeDetails d) =>
        Step(d, "mediators-assigned", e.AssignedAt, null) with
        {
            VolunteerMediators = [.. d.VolunteerMediators.Union(e.VolunteerIds)],
            InstructorMediators = [.. d.InstructorMediators.Union(e.InstructorIds)],
        };

    public static DisputeDetails Apply(MediationSessionHeld e, DisputeDetails d) =>
        Step(d, "session", e.RecordedAt, e.Notes) with { MediationHours = d.MediationHours + e.Hours };

    public static DisputeDetails Apply(AgreementReached e, DisputeDetails d) =>
        Step(d, "agreement", e.RecordedAt, e.Terms) with { Status = DisputeStatus.Agreed, AgreementTerms = e.Terms, PerformBy = e.PerformBy };

    public static DisputeDetails Apply(ReturnVisitMade e, DisputeDetails d) =>
        Step(d, e.Performed ? "return-visit-performed" : "return-visit-not-performed", e.RecordedAt, e.Notes) with { AgreementKept = e.Performed };

    public static DisputeDetails Apply(DisputeClosed e, DisputeDetails d) =>
        Step(d, "closed", e.RecordedAt, e.Outcome.ToString()) with { Status = DisputeStatus.Closed, Outcome = e.Outcome, Mediated = e.Mediated, ClosedOn = e.On };

    public static DisputeDetails Apply(DisputeOverdue e, DisputeDetails d) => Step(d, "overdue", e.RaisedAt, null) with { Overdue = true };

    public static DisputeDetails Apply(DisputeEscalated e, DisputeDetails d) => Step(d, "escalated", e.RecordedAt, e.Reason) with { Escalated = true };
}

public sealed class DisputePartiesProjection : SingleStreamProjection<DisputeParties, Guid>
{
    public static DisputeParties Create(DisputeRegistered e) => new(e.DisputeId, e.Parties);
}
