using MassTransit;

namespace RedProperty.Contracts.Organization.V1;

// Organisation building's public events. Enumerations travel as camelCase strings so that
// consumers in any language can read them; ids are UUIDs; dates are ISO 8601. A "…On" day added
// after a contract's first release is the day the fact took effect (the "…At" is when it was
// recorded); it is optional, so consumers of the first shape keep working.

/// <summary>A party member joined a property company's ledger (hired, transferred in, or an applicant developed there).</summary>
/// <param name="JoinedVia">hired | relationTransferredIn | developed.</param>
/// <param name="Stage">applicant | activist | developmentCandidate | probationary | full.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
/// <param name="CompanyRole">legalRepresentative | generalManager | deputyGeneralManager | departmentHead | staff; the first three head the company.</param>
public sealed record PartyMemberJoinedCompany(Guid MemberId, Guid CompanyId, [property: PersonalData] string Name, string JoinedVia, string Stage, DateTimeOffset JoinedAt, string CompanyRole, DateOnly? JoinedOn = null)
{
    public const string MessageName = "redproperty.organization.party-member-joined-company.v1";
}

/// <summary>
/// A party member's personal data was erased at their request (PIPL art. 47). A service that keeps a copy
/// of it (a name, a volunteer record of the same person) erases that copy. The member still counts in
/// every figure as before.
/// </summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyMemberErased(Guid MemberId, DateTimeOffset ErasedAt)
{
    public const string MessageName = "redproperty.organization.party-member-erased.v1";
}

/// <summary>A party member's role in their company changed.</summary>
/// <param name="CompanyRole">legalRepresentative | generalManager | deputyGeneralManager | departmentHead | staff.</param>
/// <param name="IsCompanyHead">legalRepresentative, generalManager or deputyGeneralManager.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyMemberCompanyRoleChanged(Guid MemberId, Guid CompanyId, string CompanyRole, bool IsCompanyHead, DateOnly On)
{
    public const string MessageName = "redproperty.organization.party-member-company-role-changed.v1";
}

/// <summary>The same person moved from one company to another (or back to work after leaving).</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyMemberMovedCompany(Guid MemberId, Guid FromCompanyId, Guid ToCompanyId, string CompanyRole, bool IsCompanyHead, DateOnly On)
{
    public const string MessageName = "redproperty.organization.party-member-moved-company.v1";
}

/// <summary>A party member left a property company.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyMemberLeftCompany(Guid MemberId, Guid CompanyId, DateTimeOffset LeftAt, DateOnly? LeftOn = null)
{
    public const string MessageName = "redproperty.organization.party-member-left-company.v1";
}

/// <summary>A party branch was planned (应建尽建), for one company (standalone) or several (joint).</summary>
/// <param name="Kind">standalone | joint.</param>
/// <param name="Parent">The party organisation it belongs to: the district's industry party committee.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyBranchPlanned(Guid BranchId, string Name, string Kind, IReadOnlyList<Guid> CompanyIds, DateOnly? PlannedFor, string Parent, DateTimeOffset PlannedAt, DateOnly? PlannedOn = null)
{
    public const string MessageName = "redproperty.organization.party-branch-planned.v1";
}

/// <summary>A planned branch started forming (组建中): count these for "companies forming".</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyBranchFormingStarted(Guid BranchId, IReadOnlyList<Guid> CompanyIds, DateTimeOffset StartedAt, DateOnly? On = null)
{
    public const string MessageName = "redproperty.organization.party-branch-forming-started.v1";
}

/// <summary>A party branch was approved, for one company (standalone) or several (joint).</summary>
/// <param name="Kind">standalone | joint.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyBranchEstablished(Guid BranchId, string Name, string Kind, IReadOnlyList<Guid> CompanyIds, DateOnly ApprovedOn, DateTimeOffset EstablishedAt)
{
    public const string MessageName = "redproperty.organization.party-branch-established.v1";
}

/// <summary>An established branch has a new secretary (a party member of one of its companies) from <paramref name="On"/>.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyBranchSecretaryChanged(Guid BranchId, Guid SecretaryMemberId, DateOnly On)
{
    public const string MessageName = "redproperty.organization.party-branch-secretary-changed.v1";
}

/// <summary>An established party branch was dissolved; its companies have no branch until it is re-formed.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyBranchDissolved(Guid BranchId, IReadOnlyList<Guid> CompanyIds, DateTimeOffset DissolvedAt, DateOnly? On = null)
{
    public const string MessageName = "redproperty.organization.party-branch-dissolved.v1";
}

/// <summary>A party-building instructor (党建指导员) was appointed.</summary>
/// <param name="Source">dispatchedByIndustry | selectedByCommunity.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record InstructorAppointed(Guid InstructorId, [property: PersonalData] string Name, string Source, DateOnly AppointedOn)
{
    public const string MessageName = "redproperty.organization.instructor-appointed.v1";
}

/// <summary>A party-member responsibility zone (党员责任区) was designated.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ResponsibilityZoneDesignated(Guid ZoneId, Guid EstateId, string Estate, IReadOnlyList<string> Buildings, IReadOnlyList<Guid> MemberIds, DateTimeOffset DesignatedAt, DateOnly? DesignatedOn = null)
{
    public const string MessageName = "redproperty.organization.responsibility-zone-designated.v1";
}

/// <summary>A responsibility zone stops counting from <paramref name="On"/>.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record ResponsibilityZoneRetired(Guid ZoneId, DateOnly On)
{
    public const string MessageName = "redproperty.organization.responsibility-zone-retired.v1";
}

/// <summary>A pioneer post stops counting from <paramref name="On"/>.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PioneerPostRetired(Guid PostId, DateOnly On)
{
    public const string MessageName = "redproperty.organization.pioneer-post-retired.v1";
}

/// <summary>An instructor's assignment to a company ended; <paramref name="On"/> is its last day.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record InstructorAssignmentEnded(Guid InstructorId, Guid CompanyId, DateOnly On)
{
    public const string MessageName = "redproperty.organization.instructor-assignment-ended.v1";
}

/// <summary>An instructor's appointment ended; <paramref name="On"/> is its last day.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record InstructorAppointmentEnded(Guid InstructorId, DateOnly On)
{
    public const string MessageName = "redproperty.organization.instructor-appointment-ended.v1";
}

/// <summary>A party-member pioneer post (党员先锋岗) was designated.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PioneerPostDesignated(Guid PostId, string Post, Guid MemberId, Guid EstateId, string Estate, DateTimeOffset DesignatedAt, DateOnly? DesignatedOn = null)
{
    public const string MessageName = "redproperty.organization.pioneer-post-designated.v1";
}

/// <summary>An instructor was assigned to a property company.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record InstructorAssigned(Guid InstructorId, Guid CompanyId, DateOnly From)
{
    public const string MessageName = "redproperty.organization.instructor-assigned.v1";
}

/// <summary>An instructor visited an assigned company.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record InstructorVisitRecorded(Guid InstructorId, Guid CompanyId, DateOnly On, [property: FreeText] IReadOnlyList<string> Topics, int DisputesCoordinated)
{
    public const string MessageName = "redproperty.organization.instructor-visit-recorded.v1";
}

/// <summary>When a month closed, an instructor had visited an assigned company fewer times than the minimum.</summary>
/// <param name="Month">yyyy-MM, district time (UTC+8).</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record InstructorVisitsBelowMinimum(Guid InstructorId, Guid CompanyId, string Month, int Visits, int Minimum)
{
    public const string MessageName = "redproperty.organization.instructor-visits-below-minimum.v1";
}

/// <summary>A member moved one step along the development pipeline; at probationary they count as a party member.</summary>
/// <param name="Stage">activist | developmentCandidate | probationary | full.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyMemberStageReached(Guid MemberId, string Stage, DateOnly On)
{
    public const string MessageName = "redproperty.organization.party-member-stage-reached.v1";
}

/// <summary>A member's organisational relation was transferred in to, or out of, the company's organisation.</summary>
/// <param name="Direction">in | out.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyMemberRelationTransferred(Guid MemberId, string Direction, DateOnly On)
{
    public const string MessageName = "redproperty.organization.party-member-relation-transferred.v1";
}

/// <summary>A dissolved branch is being formed again for its companies.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PartyBranchReforming(Guid BranchId)
{
    public const string MessageName = "redproperty.organization.party-branch-reforming.v1";
}
