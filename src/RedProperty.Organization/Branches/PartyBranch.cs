namespace RedProperty.Organization.Branches;

/// <summary>单独建 (one company) or 联合建 (several companies together).</summary>
public enum BranchKind
{
    Standalone,
    Joint,
}

public enum BranchStatus
{
    Planned,
    Forming,
    Established,
    Dissolved,
}

// Events of a party branch's stream (党支部), stream id = branch id.

public sealed record BranchPlanned(Guid BranchId, string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, DateOnly? PlannedFor, DateTimeOffset PlannedAt);

public sealed record BranchFormingStarted(Guid BranchId, DateTimeOffset StartedAt);

/// <summary>Carries the branch's name, kind and companies so that the published contract is self-contained.</summary>
public sealed record BranchEstablished(
    Guid BranchId, string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, DateOnly ApprovedOn, Guid SecretaryMemberId, DateTimeOffset EstablishedAt);

public sealed record BranchDissolved(Guid BranchId, IReadOnlyList<Guid> CompanyIds, string Reason, DateTimeOffset DissolvedAt);

public sealed record BranchReformingStarted(Guid BranchId, DateTimeOffset StartedAt);

/// <summary>A company's place in a live (not dissolved) branch; its id is the company's, so a second claim fails.</summary>
public sealed record BranchClaim(Guid Id, Guid BranchId);

public sealed record PartyBranch(Guid Id, string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, BranchStatus Status)
{
    public static PartyBranch Create(BranchPlanned e) => new(e.BranchId, e.Name, e.Kind, e.CompanyIds, BranchStatus.Planned);

    public PartyBranch Apply(BranchFormingStarted e) => this with { Status = BranchStatus.Forming };

    public PartyBranch Apply(BranchEstablished e) => this with { Status = BranchStatus.Established };

    public PartyBranch Apply(BranchDissolved e) => this with { Status = BranchStatus.Dissolved };

    public PartyBranch Apply(BranchReformingStarted e) => this with { Status = BranchStatus.Forming };
}
