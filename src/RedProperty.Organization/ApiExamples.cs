using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Geography;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;

namespace RedProperty.Organization;

/// <summary>Example requests for the OpenAPI document, from the Maiji District report.</summary>
public static class ApiExamples
{
    private static readonly Guid Company = Guid.Parse("01a2240b-4f0d-7e2e-adad-f6ede970d118");
    private static readonly Guid OtherCompany = Guid.Parse("01a2240c-99bc-7022-b098-a6692bc2016e");
    private static readonly Guid Member = Guid.Parse("01a22410-0000-7000-8000-000000000001");
    private static readonly Guid SubDistrict = Guid.Parse("01a22400-0000-7000-8000-0000000000d1");
    private static readonly Guid Community = Guid.Parse("01a22400-0000-7000-8000-0000000000c1");
    private static readonly Guid Estate = Guid.Parse("01a22400-0000-7000-8000-0000000000e1");

    public static void Add(OpenApiExamples examples) => examples
        .Add(new RegisterCompany("天水市麦积区红苑物业服务有限公司", "91620503MA74AQ0X21", "甘肃省天水市麦积区道北街道渭滨北路"))
        .Add(new UpdateCompany("天水红苑物业服务有限公司", "甘肃省天水市麦积区道北街道渭滨北路"))
        .Add(new RegisterSubDistrict("道北街道", SubDistrictKind.SubDistrict))
        .Add(new RegisterCommunity("渭滨社区", SubDistrict))
        .Add(new RegisterEstate("锦绣花园", Community, 820, "甘肃省天水市麦积区渭滨北路12号"))
        .Add(new UpdateEstate("锦绣花园", 836, "甘肃省天水市麦积区渭滨北路12号"))
        .Add(new ContractEstateService(Company, new DateOnly(2021, 1, 1), new DateOnly(2023, 12, 31)))
        .Add(new EndEstateService(Company, new DateOnly(2022, 6, 30)))
        .Add(new RecordStructure(86, [new Department("工程部", "赵建华", "部长"), new Department("客服部", "李红梅", "经理")]))
        .Add(new RecordSurvey(new DateOnly(2022, 3, 15), "区住建服务中心 张强", "区市场监管局", 2, false, "党员人数不足，拟联合建"))
        // 620599 is no county's code: a well-formed ID number that is nobody's.
        .Add(new RegisterMember(Company, "李红梅", "客服部经理", JoinedVia.RelationTransferredIn, MemberStage.Full, new DateOnly(2012, 7, 1),
            "620599198507150026", CompanyRole.DepartmentHead))
        .Add(new ChangeCompanyRole(CompanyRole.GeneralManager, "总经理", new DateOnly(2022, 3, 1)))
        .Add(new MoveCompany(OtherCompany, new DateOnly(2022, 8, 1), "副总经理", CompanyRole.DeputyGeneralManager))
        .Add(new AdvanceDevelopment(MemberStage.Probationary, new DateOnly(2021, 6, 1), ["张书记", "刘委员"]))
        .Add(new TransferRelation(TransferDirection.In, new DateOnly(2022, 1, 10), "秦州区某社区党支部"))
        .Add(new LeaveCompany("调往秦州区工作"))
        .Add(new MakePledge("共产党员 李红梅", "服务热情、办事公道", "业主报修24小时内上门", new DateOnly(2022, 7, 1)))
        .Add(new PlanBranch("麦积区物业行业联合党支部", BranchKind.Joint, [Company, OtherCompany], new DateOnly(2022, 9, 30)))
        .Add(new EstablishBranch(new DateOnly(2022, 5, 20), Member))
        .Add(new RecordExistingBranch("天水市麦积区红苑物业服务有限公司党支部", BranchKind.Standalone, [Company], new DateOnly(2019, 7, 1), Member))
        .Add(new ChangeSecretary(Member, new DateOnly(2022, 6, 1)))
        .Add(new ChangeBranchStatus(BranchStep.StartForming, null))
        .Add(new AppointInstructor("马建国", InstructorSource.DispatchedByIndustry, new DateOnly(2022, 3, 1)))
        .Add(new AssignInstructor(Company, new DateOnly(2022, 3, 1)))
        .Add(new EndAssignment(Company, new DateOnly(2022, 12, 31)))
        .Add(new EndAppointment(new DateOnly(2022, 12, 31), "调回区住建局"))
        .Add(new Retire(new DateOnly(2022, 12, 1), "小区更换物业服务企业"))
        .Add(new RecordVisit(Company, new DateOnly(2022, 6, 8), ["党建工作指导", "协调业主与物业纠纷"], 2))
        .Add(new DesignateZone(Estate, ["1号楼", "2号楼", "3号楼"], [Member]))
        .Add(new DesignatePost("物业服务先锋岗", Member, Estate));
}
