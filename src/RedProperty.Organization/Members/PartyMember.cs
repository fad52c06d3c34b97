namespace RedProperty.Organization.Members;

/// <summary>How a party member came to a property company (招聘 / 转接组织关系 / 发展党员).</summary>
public enum JoinedVia
{
    Hired,
    RelationTransferredIn,
    Developed,
}

/// <summary>The development pipeline (入党申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员).</summary>
public enum MemberStage
{
    Applicant,
    Activist,
    DevelopmentCandidate,
    Probationary,
    Full,
}

/// <summary>A member's role in the company (企业职务类别), so "party-member heads of companies" can be counted without reading titles.</summary>
public enum CompanyRole
{
    /// <summary>法定代表人</summary>
    LegalRepresentative,

    /// <summary>总经理</summary>
    GeneralManager,

    /// <summary>副总经理</summary>
    DeputyGeneralManager,

    /// <summary>部门负责人</summary>
    DepartmentHead,

    /// <summary>一般员工</summary>
    Staff,
}

public static class CompanyRoles
{
    /// <summary>The company's heads (企业负责人): legal representative, general manager and deputies.</summary>
    public static bool IsHead(CompanyRole role) => role is CompanyRole.LegalRepresentative or CompanyRole.GeneralManager or CompanyRole.DeputyGeneralManager;
}

public static class MemberStages
{
    /// <summary>Probationary and full members still in the company count as party members (党员); applicants do not yet.</summary>
    public static bool CountsAsMember(MemberStage stage, bool hasLeft) => !hasLeft && stage >= MemberStage.Probationary;
}

// Events of a party member's stream (党员), stream id = member id.

/// <param name="PersonKey">A keyed hash of the national ID number: one person, one record, without the number itself.</param>
public sealed record PartyMemberRegistered(
    Guid MemberId, Guid CompanyId, string Name, string Position, JoinedVia Via, MemberStage Stage,
    DateOnly? AdmittedOn, bool RelationTransferredIn, DateTimeOffset RegisteredAt) : IDatedFact
{
    /// <summary>The day the member joined the company (admittedOn is the day of party admission).</summary>
    public DateOnly JoinedOn { get; init; }

    public DateOnly TookEffectOn() => JoinedOn;

    public CompanyRole CompanyRole { get; init; } = CompanyRole.Staff;

    public string? PersonKey { get; init; }
}

/// <summary>The member's role in the company changed (e.g. promoted to general manager).</summary>
public sealed record MemberCompanyRoleChanged(Guid MemberId, Guid CompanyId, CompanyRole Role, string Position, DateOnly On, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

/// <summary>The same person now works for another company (or again, after leaving): a transfer, not a new member.</summary>
public sealed record MemberMovedCompany(
    Guid MemberId, Guid FromCompanyId, Guid ToCompanyId, CompanyRole Role, string Position, DateOnly On, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record DevelopmentStageReached(Guid MemberId, MemberStage Stage, DateOnly On, IReadOnlyList<string> Sponsors, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record MemberRelationTransferredIn(Guid MemberId, DateOnly On, string From, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record MemberRelationTransferredOut(Guid MemberId, DateOnly On, string To, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => On;
}

public sealed record PartyMemberLeftCompany(Guid MemberId, Guid CompanyId, string Reason, DateTimeOffset LeftAt) : IDatedFact
{
    /// <summary>The member's last day with the company.</summary>
    public DateOnly LeftOn { get; init; }

    public DateOnly TookEffectOn() => LeftOn;
}

/// <summary>A member's public pledge, "show identity, show standards, show commitments" (亮身份、亮标准、亮承诺).</summary>
public sealed record PledgeMade(Guid MemberId, string Identity, string Standards, string Commitments, DateOnly PublishedOn, DateTimeOffset RecordedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => PublishedOn;
}

/// <summary>What the member deciders need; evolved from the member's events.</summary>
public sealed record PartyMember(
    Guid Id, Guid CompanyId, MemberStage Stage, DateOnly? AdmittedOn, bool RelationTransferredIn, bool HasLeft)
{
    /// <summary>The date of the last development step (or of admission), which the next step cannot precede.</summary>
    public DateOnly? LastStepOn { get; init; }

    public CompanyRole Role { get; init; } = CompanyRole.Staff;

    public bool CountsAsMember => MemberStages.CountsAsMember(Stage, HasLeft);

    public static PartyMember Create(PartyMemberRegistered e) =>
        new(e.MemberId, e.CompanyId, e.Stage, e.AdmittedOn, e.RelationTransferredIn, false) { LastStepOn = e.AdmittedOn, Role = e.CompanyRole };

    public PartyMember Apply(DevelopmentStageReached e) =>
        this with { Stage = e.Stage, AdmittedOn = e.Stage == MemberStage.Probationary ? e.On : AdmittedOn, LastStepOn = e.On };

    public PartyMember Apply(MemberRelationTransferredIn e) => this with { RelationTransferredIn = true };

    public PartyMember Apply(MemberRelationTransferredOut e) => this with { RelationTransferredIn = false };

    public PartyMember Apply(PartyMemberLeftCompany e) => this with { HasLeft = true };

    public PartyMember Apply(PledgeMade e) => this;

    public PartyMember Apply(MemberCompanyRoleChanged e) => this with { Role = e.Role };

    public PartyMember Apply(MemberMovedCompany e) => this with { CompanyId = e.ToCompanyId, HasLeft = false, Role = e.Role };
}
