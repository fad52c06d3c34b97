using Marten.Events.Aggregation;

namespace RedProperty.Organization.Branches;

/// <summary>A branch as ledger 2 (established) or ledger 3 (not yet) shows it.</summary>
public sealed record BranchDetails(
    Guid Id, string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, BranchStatus Status, DateOnly? PlannedFor,
    DateOnly? ApprovedOn, Guid? SecretaryMemberId, string? DissolvedReason) : IVersioned
{
    /// <summary>The stream version, which is also the ETag. Set by Marten.</summary>
    public long Version { get; set; }

    /// <summary>The party organisation the branch belongs to (the district's industry party committee).</summary>
    public string Parent { get; init; } = PartyCommittees.Industry;

    /// <summary>When the current secretary took office (the approval, or a later change).</summary>
    public DateOnly? SecretarySince { get; init; }

    public static BranchDetails Create(BranchPlanned e) =>
        new(e.BranchId, e.Name, e.Kind, e.CompanyIds, BranchStatus.Planned, e.PlannedFor, null, null, null) { Version = 1, Parent = e.Parent };
}

public sealed class BranchDetailsProjection : SingleStreamProjection<BranchDetails, Guid>
{
    public static BranchDetails Create(BranchPlanned e) => BranchDetails.Create(e);

    public static BranchDetails Apply(BranchFormingStarted e, BranchDetails b) => b with { Status = BranchStatus.Forming };

    public static BranchDetails Apply(BranchEstablished e, BranchDetails b) =>
        b with { Status = BranchStatus.Established, ApprovedOn = e.ApprovedOn, SecretaryMemberId = e.SecretaryMemberId, SecretarySince = e.ApprovedOn };

    public static BranchDetails Apply(BranchSecretaryChanged e, BranchDetails b) => b with { SecretaryMemberId = e.SecretaryMemberId, SecretarySince = e.On };

    public static BranchDetails Apply(BranchDissolved e, BranchDetails b) => b with { Status = BranchStatus.Dissolved, DissolvedReason = e.Reason };

    public static BranchDetails Apply(BranchReformingStarted e, BranchDetails b) =>
        b with { Status = BranchStatus.Forming, ApprovedOn = null, SecretaryMemberId = null, SecretarySince = null, DissolvedReason = null };
}

public static class GetBranchEndpoint
{
    public static Task<Results<Ok<BranchDetails>, NotFound>> Handle(
        Guid id, IQuerySession session, HttpResponse response, CancellationToken cancellationToken) =>
        session.Read<BranchDetails>(id, response, cancellationToken);
}
