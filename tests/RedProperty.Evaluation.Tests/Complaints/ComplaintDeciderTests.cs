using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Places;

namespace RedProperty.Evaluation.Tests.Complaints;

public sealed class ComplaintDeciderTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Hongyuan = Guid.CreateVersion7(Now);
    private static readonly Guid Jinxiu = Guid.CreateVersion7(Now);
    private static readonly Guid Community = Guid.CreateVersion7(Now);

    // 红苑物业 served 锦绣花园 until the end of May 2022, 锦绣物业 from June.
    private static readonly EstateDirectoryEntry Estate = new(Guid.CreateVersion7(Now), "锦绣花园", Community, 820,
        [new EstateService(Hongyuan, new DateOnly(2019, 1, 1), new DateOnly(2022, 5, 31)), new EstateService(Jinxiu, new DateOnly(2022, 6, 1), null)], 1);

    private static readonly Caller Hotline = new("api-key:0193a000-0000-7000-8000-000000012345", "麦积区12345热线", new HashSet<string> { Roles.ComplaintClient }, null, null, null);
    private static readonly Caller App = new("api-key:0193a000-0000-7000-8000-00000000a9b0", "app", new HashSet<string> { Roles.ComplaintClient }, null, null, null);

    private static ComplaintFiled Filed(EstateDirectoryEntry? estate, DateTimeOffset at, Guid? company = null) => FileComplaintDecider.Decide(
        Guid.CreateVersion7(at),
        new FileComplaint("sanitation", "  3号楼楼道垃圾一周没人清运  ", estate?.Id, company, Complainant: new Complainant(" 王建国 ", "13800001234", null, "app-7")),
        estate, Hotline, TimeSpan.FromHours(72), at);

    private static Complaint Given(ComplaintFiled filed, params object[] events) =>
        events.Aggregate(Complaint.Create(filed), (c, e) => e switch
        {
            ComplaintAccepted a => c.Apply(a),
            ComplaintRuledOut r => c.Apply(r),
            ComplaintAssigned a => c.Apply(a),
            ComplaintResponded r => c.Apply(r),
            ComplaintResolved r => c.Apply(r),
            ComplaintReopened r => c.Apply(r),
            ComplaintSatisfactionRated s => c.Apply(s),
            ComplaintClosed x => c.Apply(x),
            ComplaintOverdue o => c.Apply(o),
            _ => throw new ArgumentException(e.GetType().Name),
        });

    private static Complaint Accepted(ComplaintFiled filed) =>
        Given(filed, AcceptComplaintDecider.Decide(Complaint.Create(filed), new AcceptComplaint(), Estate, DistrictCalendar.Today(filed.FiledAt), "社区", Now).ToArray());

    [Fact]
    public void Filing_finds_the_company_serving_the_estate_that_day_and_sets_the_service_level()
    {
        var before = Filed(Estate, new DateTimeOffset(2022, 5, 31, 23, 0, 0, TimeSpan.FromHours(8)));
        var after = Filed(Estate, new DateTimeOffset(2022, 6, 1, 0, 30, 0, TimeSpan.FromHours(8)));

        Assert.Equal(Hongyuan, before.CompanyId);
        Assert.Equal(Jinxiu, after.CompanyId);
        Assert.Equal(after.FiledAt.AddHours(72), after.DueAt);
        Assert.Equal(Community, after.Location.CommunityId);
        Assert.Equal("3号楼楼道垃圾一周没人清运", after.Description);
        Assert.Equal("王建国", after.Complainant.Name);
    }

    [Fact]
    public void A_complaint_with_an_address_only_has_no_company_until_accepted_with_its_estate()
    {
        var filed = FileComplaintDecider.Decide(Guid.NewGuid(), new FileComplaint("repairs", "电梯坏了", Address: "麦积区桥南某小区"), null, App, TimeSpan.FromHours(72), Now);
        Assert.Null(filed.CompanyId);

        Assert.Throws<DomainException>(() => AcceptComplaintDecider.Decide(Complaint.Create(filed), new AcceptComplaint(), null, DistrictCalendar.Today(Now), "社区", Now));
        var accepted = Assert.IsType<ComplaintAccepted>(Assert.Single(
            AcceptComplaintDecider.Decide(Complaint.Create(filed), new AcceptComplaint(Estate.Id), Estate, DistrictCalendar.Today(Now), "社区", Now)));
        Assert.Equal(Jinxiu, accepted.CompanyId);
        Assert.Equal(Estate.CommunityId, accepted.CommunityId);
    }

    [Fact]
    public void Only_a_filed_complaint_is_accepted_or_ruled_out()
    {
        var filed = Filed(Estate, Now);
        var accepted = Accepted(filed);

        Assert.Throws<DomainException>(() => AcceptComplaintDecider.Decide(accepted, new AcceptComplaint(), Estate, DistrictCalendar.Today(Now), "社区", Now));
        Assert.Throws<DomainException>(() => RuleOutComplaintDecider.Decide(accepted, new RuleOutComplaint(Ruling.Invalid, "不属于物业服务范围"), false, "社区", Now));
    }

    [Fact]
    public void A_duplicate_names_an_existing_other_complaint()
    {
        var filed = Filed(Estate, Now);
        var complaint = Complaint.Create(filed);

        Assert.Throws<DomainException>(() => RuleOutComplaintDecider.Decide(complaint, new RuleOutComplaint(Ruling.Duplicate, "重复", filed.ComplaintId), true, "社区", Now));
        Assert.Throws<InvalidFieldException>(() => RuleOutComplaintDecider.Decide(complaint, new RuleOutComplaint(Ruling.Duplicate, "重复", Guid.NewGuid()), false, "社区", Now));
        var ruled = Assert.IsType<ComplaintRuledOut>(Assert.Single(RuleOutComplaintDecider.Decide(complaint, new RuleOutComplaint(Ruling.Duplicate, "同一问题已投诉", Guid.NewGuid()), true, "社区", Now)));
        Assert.Equal(Ruling.Duplicate, ruled.Ruling);
        Assert.False(Given(filed, ruled).Unresolved);
    }

    [Fact]
    public void The_company_answers_only_once_assigned_and_a_resolution_needs_an_assignment()
    {
        var accepted = Accepted(Filed(Estate, Now));

        Assert.Throws<DomainException>(() => RespondToComplaintDecider.Decide(accepted, new RespondToComplaint("已安排保洁"), "物业", Now));
        Assert.Throws<DomainException>(() => ResolveComplaintDecider.Decide(accepted, new ResolveComplaint("已清运"), "社区", Now));

        var events = AssignComplaintDecider.Decide(accepted, new AssignComplaint(), "社区", Now);
        var assignedTo = Assert.IsType<ComplaintAssigned>(Assert.Single(events));
        Assert.Equal(Jinxiu, assignedTo.CompanyId);
        Assert.Empty(AssignComplaintDecider.Decide(accepted.Apply(assignedTo), new AssignComplaint(), "社区", Now)); // already with that company
    }

    [Fact]
    public void A_valid_complaint_without_a_company_cannot_be_assigned_until_one_is_named()
    {
        var filed = FileComplaintDecider.Decide(Guid.NewGuid(), new FileComplaint("repairs", "电梯坏了", Address: "某小区"), null, App, TimeSpan.FromHours(72), Now);
        var unserved = Estate with { Services = [] };
        var accepted = Complaint.Create(filed).Apply((ComplaintAccepted)AcceptComplaintDecider.Decide(Complaint.Create(filed), new AcceptComplaint(unserved.Id), unserved, DistrictCalendar.Today(Now), "社区", Now)[0]);

        Assert.Throws<DomainException>(() => AssignComplaintDecider.Decide(accepted, new AssignComplaint(), "社区", Now));
        Assert.Equal(Hongyuan, Assert.IsType<ComplaintAssigned>(Assert.Single(AssignComplaintDecider.Decide(accepted, new AssignComplaint(Hongyuan), "社区", Now))).CompanyId);
    }

    [Fact]
    public void Resolved_then_reopened_then_resolved_then_rated_once_then_closed()
    {
        var complaint = Accepted(Filed(Estate, Now));
        complaint = complaint.Apply((ComplaintAssigned)AssignComplaintDecider.Decide(complaint, new AssignComplaint(), "社区", Now)[0]);
        complaint = complaint.Apply((ComplaintResponded)RespondToComplaintDecider.Decide(complaint, new RespondToComplaint("已安排保洁清运"), "物业", Now)[0]);
        complaint = complaint.Apply((ComplaintResolved)ResolveComplaintDecider.Decide(complaint, new ResolveComplaint("现场核实已清运"), "社区", Now)[0]);
        Assert.False(complaint.Unresolved);

        Assert.Throws<DomainException>(() => ReopenComplaintDecider.Decide(Accepted(Filed(Estate, Now)), new ReopenComplaint("没解决"), "社区", Now));
        complaint = complaint.Apply((ComplaintReopened)ReopenComplaintDecider.Decide(complaint, new ReopenComplaint("居民反映又堆满了"), "社区", Now)[0]);
        Assert.True(complaint.Unresolved);
        Assert.Throws<DomainException>(() => CloseComplaintDecider.Decide(complaint, new CloseComplaint(), "社区", Now));
        Assert.Throws<DomainException>(() => RateSatisfactionDecider.Decide(complaint, new RateSatisfaction(4), Now));

        complaint = complaint.Apply((ComplaintAssigned)AssignComplaintDecider.Decide(complaint, new AssignComplaint(), "社区", Now)[0]);
        complaint = complaint.Apply((ComplaintResolved)ResolveComplaintDecider.Decide(complaint, new ResolveComplaint("复查已清运"), "社区", Now)[0]);
        complaint = complaint.Apply((ComplaintSatisfactionRated)RateSatisfactionDecider.Decide(complaint, new RateSatisfaction(4, "比较满意"), Now)[0]);
        Assert.Throws<DomainException>(() => RateSatisfactionDecider.Decide(complaint, new RateSatisfaction(5), Now));

        var closed = Assert.IsType<ComplaintClosed>(Assert.Single(CloseComplaintDecider.Decide(complaint, new CloseComplaint("回访满意"), "社区", Now)));
        Assert.Equal(4, closed.Satisfaction);
        Assert.Equal(Jinxiu, closed.CompanyId);
    }

    [Fact]
    public void A_complaint_ruled_out_is_not_rated()
    {
        var filed = Filed(Estate, Now);
        var ruled = Given(filed, RuleOutComplaintDecider.Decide(Complaint.Create(filed), new RuleOutComplaint(Ruling.Invalid, "不属于物业服务范围"), false, "社区", Now).ToArray());

        Assert.Throws<DomainException>(() => RateSatisfactionDecider.Decide(ruled, new RateSatisfaction(1), Now));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Satisfaction_is_one_to_five(int score, bool valid) =>
        Assert.Equal(valid, new RateSatisfactionValidator().Validate(new RateSatisfaction(score)).IsValid);

    [Fact]
    public void Filing_is_refused_without_a_place_with_an_unknown_category_or_a_long_description()
    {
        var configuration = new ConfigurationBuilder().Build();
        var validator = new FileComplaintValidator(new ComplaintCategories(configuration), TimeProvider.System, configuration);

        Assert.Contains(validator.Validate(new FileComplaint("sanitation", "脏")).Errors, e => e.PropertyName == "EstateId");
        Assert.Contains(validator.Validate(new FileComplaint("noise", "吵", Address: "某处")).Errors, e => e.PropertyName == "ServiceCode");
        Assert.Contains(validator.Validate(new FileComplaint("sanitation", new string('脏', 4001), Address: "某处")).Errors, e => e.PropertyName == "Description");
        Assert.Contains(validator.Validate(new FileComplaint("sanitation", "脏", Latitude: 34.5)).Errors, e => e.PropertyName == "Longitude");
        Assert.Contains(validator.Validate(new FileComplaint("repairs", "坏了", Address: "某处")).Errors, e => e.PropertyName == "attributes.facility");
        // The hotline does not ask our category's questions.
        Assert.True(validator.Validate(new FileComplaint("repairs", "坏了", Address: "某处", WorkOrder: new WorkOrder("GD2022041500123"))).IsValid);
        Assert.Contains(validator.Validate(new FileComplaint("repairs", "坏了", Address: "某处", Attributes: new Dictionary<string, string> { ["facility"] = "gas" })).Errors,
            e => e.PropertyName == "attributes.facility");
        Assert.Contains(validator.Validate(new FileComplaint("sanitation", "脏", Address: "某处", Attributes: new Dictionary<string, string> { ["area"] = null! })).Errors,
            e => e.PropertyName == "attributes.area");
        Assert.True(validator.Validate(new FileComplaint("repairs", "3号楼电梯停运两天", Latitude: 34.56, Longitude: 105.9,
            Attributes: new Dictionary<string, string> { ["facility"] = "lift", ["location"] = "stairwell" })).IsValid);
    }

    [Fact]
    public void The_complainant_is_masked_to_the_family_name()
    {
        Assert.Equal("王**", Mask.Name("王建国"));
        Assert.Equal("李*", Mask.Name("李红"));
        Assert.Null(Mask.Name(null));
    }
}
