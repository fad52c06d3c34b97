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

public static class PartyCommittees
{
    /// <summary>Every branch of a property company belongs to the district's industry party committee (物业行业党委).</summary>
    public const string Industry = "中共天水市麦积区物业行业委员会";

    /// <summary>The party's rule: a branch needs at least three full members (正式党员三人以上).</summary>
    public const int FullMembersForBranch = 3;
}

// Events of a party branch's stream (党支部), stream id = branch id.

public sealed record BranchPlanned(Guid BranchId, string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, DateOnly? PlannedFor, DateTimeOffset PlannedAt) : IDatedFact
{
    /// <summary>The day the plan was made (plannedFor is the target).</summary>
    public DateOnly PlannedOn { get; init; }

    public DateOnly TookEffectOn() => PlannedOn;

    /// <summary>The party organisation the branch belongs to.</summary>
    public string Parent { get; init; } = PartyCommittees.Industry;
}

/// <summary>The branch has a new secretary from <paramref name="On"/>.</summary>
public sealed record BranchSecretaryChanged(Guid BranchId, Guid SecretaryMemberId, DateOnly On, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

/// <summary>Carries the companies so the published contract is self-contained.</summary>
public sealed record BranchFormingStarted(Guid BranchId, IReadOnlyList<Guid> CompanyIds, DateTimeOffset StartedAt) : IDatedFact
{
    public DateOnly On { get; init; }

    public DateOnly TookEffectOn() => On;
}

/// <summary>Carries the branch's name, kind and companies so that the published contract is self-contained.</summary>
public sealed record BranchEstablished(
    Guid BranchId, string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, DateOnly ApprovedOn, Guid SecretaryMemberId, DateTimeOffset EstablishedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => ApprovedOn;
}

public sealed record BranchDissolved(Guid BranchId, IReadOnlyList<Guid> CompanyIds, string Reason, DateTimeOffset DissolvedAt) : IDatedFact
{
    public DateOnly On { get; init; }

    public DateOnly TookEffectOn() => On;
}

public sealed record BranchReformingStarted(Guid BranchId, DateTimeOffset StartedAt) : IDatedFact
{
    public DateOnly On { get; init; }

    public DateOnly TookEffectOn() => On;
}

/// <summary>A company's place in a live (not dissolved) branch; its id is the company's, so a second claim fails.</summary>
public sealed record BranchClaim(Guid Id, Guid BranchId);

public sealed record PartyBranch(Guid Id, string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, BranchStatus Status)
{
    /// <summary>The day the plan was made: nothing later in the branch's life can precede it.</summary>
    public DateOnly PlannedOn { get; init; }

    public static PartyBranch Create(BranchPlanned e) => new(e.BranchId, e.Name, e.Kind, e.CompanyIds, BranchStatus.Planned) { PlannedOn = e.PlannedOn };

    public PartyBranch Apply(BranchFormingStarted e) => this with { Status = BranchStatus.Forming };

    public PartyBranch Apply(BranchEstablished e) => this with { Status = BranchStatus.Established };

    public PartyBranch Apply(BranchDissolved e) => this with { Status = BranchStatus.Dissolved };

    public PartyBranch Apply(BranchReformingStarted e) => this with { Status = BranchStatus.Forming };

    public PartyBranch Apply(BranchSecretaryChanged e) => this;
}
