using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;

namespace RedProperty.Consultation;

/// <summary>Example requests for the OpenAPI document, from the Maiji District report.</summary>
public static class ApiExamples
{
    private static readonly Guid Community = Guid.Parse("01a22400-0000-7000-8000-0000000000c1");
    private static readonly Guid Company = Guid.Parse("01a2240b-4f0d-7e2e-adad-f6ede970d118");
    private static readonly Guid Member = Guid.Parse("01a22410-0000-7000-8000-000000000001");
    private static readonly Guid Party = Guid.Parse("01a22600-0000-7000-8000-0000000000a1");

    public static void Add(OpenApiExamples examples) => examples
        .Add(new FormCommittee(Community, "渭滨社区大党委", new DateOnly(2021, 7, 1), new DateOnly(2026, 6, 30)))
        .Add(new AppointMember("李红梅", CommitteePosition.Member, new DateOnly(2022, 3, 1), null, Member))
        .Add(new EndAppointment(new DateOnly(2023, 12, 31)))
        .Add(new RegisterParty(PartyKind.PropertyCompany, "天水市麦积区红苑物业服务有限公司", Community, Company, [new PartyContact("赵建华", "项目经理", "13893800456")]))
        .Add(new ConveneMeeting(Community, "2022年第二季度党建联席会议", new DateTimeOffset(2022, 6, 28, 9, 30, 0, TimeSpan.FromHours(8)), "渭滨社区党群服务中心", "渭滨社区党委书记 王芳"))
        .Add(new InviteParties([Party]))
        .Add(new AddAgendaItem("3号楼楼道堆物清理", "渭滨社区居委会", "居民反映楼道杂物影响消防通道"))
        .Add(new RecordAttendance(Party, true, "赵建华"))
        .Add(new HoldMeeting(new DateOnly(2022, 6, 28), "会议由社区党委书记主持，议定楼道清理由物业牵头、志愿服务队配合。", MinutesVisibility.Participants))
        .Add(new DecideItem(DecisionOutcome.Adopted, "物业牵头，一周内清理完毕", false, 9, 0, 1))
        .Add(new AssignAction(Party, "清理3号楼楼道杂物", new DateOnly(2022, 7, 5)))
        .Add(new ReportProgress(60, "已清理1至4单元", new DateOnly(2022, 7, 2)));
}
