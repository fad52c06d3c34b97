using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Geography;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Organization;

/// <summary>Which of Organization's events leave the service, and as which public contract.</summary>
public static class IntegrationEvents
{
    public static void Map(IntegrationEventMap map) => map
        .Map<PropertyCompanyRegistered>(e => new V1.PropertyCompanyRegistered(
            e.Data.CompanyId, e.Data.Name, e.Data.CreditCode, e.Data.Address, e.Data.RegisteredAt))
        .Map<PropertyCompanyDetailsUpdated>(e => new V1.PropertyCompanyUpdated(
            e.Data.CompanyId, e.Data.Name, e.Data.Address, e.Version, e.Data.UpdatedAt))
        .Map<SubDistrictRegistered>(e => new V1.SubDistrictRegistered(e.Data.SubDistrictId, e.Data.Name, Wire(e.Data.Kind), e.Data.RegisteredAt))
        .Map<CommunityRegistered>(e => new V1.CommunityRegistered(e.Data.CommunityId, e.Data.Name, e.Data.SubDistrictId, e.Data.RegisteredAt))
        .Map<EstateRegistered>(e => new V1.EstateRegistered(e.Data.EstateId, e.Data.Name, e.Data.CommunityId, e.Data.Households, e.Data.RegisteredAt))
        .Map<EstateDetailsUpdated>(e => new V1.EstateUpdated(e.Data.EstateId, e.Data.Name, e.Data.Households, e.Version, e.Data.UpdatedAt))
        .Map<EstateServiceContracted>(e => new V1.EstateServiceContracted(e.Data.EstateId, e.Data.CompanyId, e.Data.From, e.Data.To, e.Data.RecordedAt))
        .Map<EstateServiceContractEnded>(e => new V1.EstateServiceContractEnded(e.Data.EstateId, e.Data.CompanyId, e.Data.On, e.Data.RecordedAt))
        // The member's name and ids only: no other personal data leaves the service.
        // The name leaves sealed events opened (or as erased, once its key is gone).
        .Map<PartyMemberRegistered>(async (e, session) => new V1.PartyMemberJoinedCompany(
            e.Data.MemberId, e.Data.CompanyId, (await PersonalData.UnsealAsync(session, e.Data.MemberId, e.Data.Name))!, Wire(e.Data.Via), Wire(e.Data.Stage),
            e.Data.RegisteredAt, Wire(e.Data.CompanyRole), e.Data.JoinedOn))
        .Map<PersonalDataErased>(e => new V1.PartyMemberErased(e.Data.SubjectId, e.Data.ErasedAt))
        .Map<MemberCompanyRoleChanged>(e => new V1.PartyMemberCompanyRoleChanged(
            e.Data.MemberId, e.Data.CompanyId, Wire(e.Data.Role), CompanyRoles.IsHead(e.Data.Role), e.Data.On))
        .Map<MemberMovedCompany>(e => new V1.PartyMemberMovedCompany(
            e.Data.MemberId, e.Data.FromCompanyId, e.Data.ToCompanyId, Wire(e.Data.Role), CompanyRoles.IsHead(e.Data.Role), e.Data.On))
        .Map<PartyMemberLeftCompany>(e => new V1.PartyMemberLeftCompany(e.Data.MemberId, e.Data.CompanyId, e.Data.LeftAt, e.Data.LeftOn))
        .Map<DevelopmentStageReached>(e => new V1.PartyMemberStageReached(e.Data.MemberId, Wire(e.Data.Stage), e.Data.On))
        .Map<MemberRelationTransferredIn>(e => new V1.PartyMemberRelationTransferred(e.Data.MemberId, "in", e.Data.On))
        .Map<MemberRelationTransferredOut>(e => new V1.PartyMemberRelationTransferred(e.Data.MemberId, "out", e.Data.On))
        .Map<BranchPlanned>(e => new V1.PartyBranchPlanned(
            e.Data.BranchId, e.Data.Name, Wire(e.Data.Kind), e.Data.CompanyIds, e.Data.PlannedFor, e.Data.Parent, e.Data.PlannedAt, e.Data.PlannedOn))
        .Map<BranchFormingStarted>(e => new V1.PartyBranchFormingStarted(e.Data.BranchId, e.Data.CompanyIds, e.Data.StartedAt, e.Data.On))
        .Map<BranchSecretaryChanged>(e => new V1.PartyBranchSecretaryChanged(e.Data.BranchId, e.Data.SecretaryMemberId, e.Data.On))
        .Map<BranchEstablished>(e => new V1.PartyBranchEstablished(
            e.Data.BranchId, e.Data.Name, Wire(e.Data.Kind), e.Data.CompanyIds, e.Data.ApprovedOn, e.Data.EstablishedAt))
        .Map<BranchDissolved>(e => new V1.PartyBranchDissolved(e.Data.BranchId, e.Data.CompanyIds, e.Data.DissolvedAt, e.Data.On))
        .Map<BranchReformingStarted>(e => new V1.PartyBranchReforming(e.Data.BranchId))
        .Map<InstructorAppointed>(e => new V1.InstructorAppointed(e.Data.InstructorId, e.Data.Name, Wire(e.Data.Source), e.Data.AppointedOn))
        .Map<InstructorAssigned>(e => new V1.InstructorAssigned(e.Data.InstructorId, e.Data.CompanyId, e.Data.From))
        .Map<InstructorAssignmentEnded>(e => new V1.InstructorAssignmentEnded(e.Data.InstructorId, e.Data.CompanyId, e.Data.On))
        .Map<InstructorAppointmentEnded>(e => new V1.InstructorAppointmentEnded(e.Data.InstructorId, e.Data.On))
        .Map<ResponsibilityZoneRetired>(e => new V1.ResponsibilityZoneRetired(e.Data.ZoneId, e.Data.On))
        .Map<PioneerPostRetired>(e => new V1.PioneerPostRetired(e.Data.PostId, e.Data.On))
        .Map<InstructorVisitRecorded>(e => new V1.InstructorVisitRecorded(
            e.Data.InstructorId, e.Data.CompanyId, e.Data.On, e.Data.Topics, e.Data.DisputesCoordinated))
        .Map<InstructorVisitsBelowMinimum>(e => new V1.InstructorVisitsBelowMinimum(
            e.Data.InstructorId, e.Data.CompanyId, e.Data.Month, e.Data.Visits, e.Data.Minimum))
        .Map<ResponsibilityZoneDesignated>(e => new V1.ResponsibilityZoneDesignated(
            e.Data.ZoneId, e.Data.EstateId, e.Data.Estate, e.Data.Buildings, e.Data.MemberIds, e.Data.DesignatedAt, e.Data.DesignatedOn))
        .Map<PioneerPostDesignated>(e => new V1.PioneerPostDesignated(e.Data.PostId, e.Data.Post, e.Data.MemberId, e.Data.EstateId, e.Data.Estate, e.Data.DesignatedAt, e.Data.DesignatedOn));

    private static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => IntegrationEventMap.Wire(value);
}
