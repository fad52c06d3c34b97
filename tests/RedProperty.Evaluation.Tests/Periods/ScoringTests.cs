using RedProperty.Evaluation.Inspections;
using RedProperty.Evaluation.PartyBuilding;
using RedProperty.Evaluation.Periods;
using RedProperty.Evaluation.Rectifications;

namespace RedProperty.Evaluation.Tests.Periods;

/// <summary>The scoring policy, with the worked example of README "Scoring" (its numbers are checked here).</summary>
public sealed class ScoringTests
{
    private static readonly ScoringPolicy Policy = new(new ConfigurationBuilder().Build());

    // 锦绣物业 in 2022Q2: 锦绣花园 (820) and 桥南小区 (460) = 1,280 households; 8 valid complaints;
    // inspections 92, 86 and 95 of 100; ratings 5, 4, 4, 3; an established party branch.
    private static ScoreInputs Jinxiu(bool rated = true, BranchState? branch = BranchState.Established) => new(
        Guid.NewGuid(), "天水市麦积区锦绣物业服务有限公司", 1280, [.. Enumerable.Range(0, 8).Select(_ => Guid.NewGuid())],
        [(Guid.NewGuid(), 92m, 100m, false), (Guid.NewGuid(), 86m, 100m, false), (Guid.NewGuid(), 95m, 100m, false)],
        rated ? [(Guid.NewGuid(), 5), (Guid.NewGuid(), 4), (Guid.NewGuid(), 4), (Guid.NewGuid(), 3)] : [], branch, []);

    [Fact]
    public void The_worked_example_scores_87_7_grade_B()
    {
        var score = Policy.Score(Jinxiu());

        Assert.Equal(0.625m, score.ComplaintRate);
        Assert.Equal([91.0m, 87.5m, 75.0m, 100m], score.Components.Select(c => c.Score!.Value));
        Assert.Equal(87.7m, score.Total); // 0.4×91 + 0.3×87.5 + 0.2×75 + 0.1×100 = 87.65
        Assert.Equal("B", score.Grade);
        Assert.Equal(8, score.Evidence.ValidComplaintIds.Count);
        Assert.Equal(3, score.Evidence.InspectionIds.Count);
        Assert.Equal(4, score.Evidence.RatedComplaintIds.Count);
    }

    [Fact]
    public void Without_ratings_the_other_weights_count_in_proportion()
    {
        var score = Policy.Score(Jinxiu(rated: false));

        Assert.Null(score.Components.Single(c => c.Name == "satisfaction").Score);
        Assert.Equal(90.8m, score.Total); // (36.4 + 26.25 + 10) ÷ 0.8 = 90.8125
        Assert.Equal("A", score.Grade);
    }

    [Fact]
    public void A_forming_branch_counts_60_and_none_0()
    {
        Assert.Equal(60m, Policy.Score(Jinxiu(branch: BranchState.Forming)).Components.Single(c => c.Name == "partyBuilding").Score);
        Assert.Equal(0m, Policy.Score(Jinxiu(branch: null)).Components.Single(c => c.Name == "partyBuilding").Score);
    }

    [Fact]
    public void The_complaint_component_does_not_go_below_zero()
    {
        var flooded = Jinxiu() with { HouseholdsServed = 100, ValidComplaintIds = [.. Enumerable.Range(0, 30).Select(_ => Guid.NewGuid())] };

        Assert.Equal(0m, Policy.Score(flooded).Components.Single(c => c.Name == "complaints").Score);
    }

    [Fact]
    public void The_red_list_is_the_best_grade_without_a_serious_breach_and_the_black_list_the_worst_or_a_serious_breach()
    {
        var best = Policy.Score(Jinxiu(rated: false));
        var bestButSerious = Policy.Score(Jinxiu(rated: false) with { Inspections = [(Guid.NewGuid(), 95m, 100m, true)] });
        var worst = Policy.Score(new ScoreInputs(Guid.NewGuid(), "差", 100, [.. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())],
            [(Guid.NewGuid(), 40m, 100m, false)], [(Guid.NewGuid(), 1)], null, []));
        var middling = Policy.Score(Jinxiu());

        Assert.Equal("E", worst.Grade);
        Assert.Equal([best.CompanyId], Policy.RedList([best, bestButSerious, worst, middling]));
        Assert.Equal([worst.CompanyId, bestButSerious.CompanyId], Policy.BlackList([best, bestButSerious, worst, middling]));
    }

    // The report: companies with "poor service and many owner complaints" go on the black list. A company of 400 households,
    // 92 at its one spot inspection, an established branch, no ratings.
    private static ScoreInputs Served(int complaints, int households = 400, bool inspected = true) => new(
        Guid.NewGuid(), "天水市麦积区某物业服务有限公司", households, [.. Enumerable.Range(0, complaints).Select(_ => Guid.NewGuid())],
        inspected ? [(Guid.NewGuid(), 92m, 100m, false)] : [], [], BranchState.Established, []);

    [Fact]
    public void Many_owner_complaints_put_a_company_on_the_black_list_without_any_serious_finding()
    {
        // 14 complaints: 3.5 per 100 households; complaints 30; (36.8 + 9 + 10) ÷ 0.8 = 69.75 → 69.8, grade D, not the worst.
        var many = Policy.Score(Served(14));
        Assert.Equal((69.8m, "D", false), (many.Total, many.Grade, many.SeriousBreach));
        Assert.Equal(("black", "complaintRate"), (many.Placement!.List, many.Placement.Rule));
        Assert.Contains("3.5 per 100", many.Placement.Basis);
        // 12: exactly 3 per 100, grade C: still black.
        var twelve = Policy.Score(Served(12));
        Assert.Equal((73.5m, "C"), (twelve.Total, twelve.Grade));
        Assert.Equal("complaintRate", twelve.Placement!.Rule);
        // 4 complaints at a 100-household estate (4 per 100) are too few to judge by: not listed.
        Assert.Null(Policy.Score(Served(4, households: 100)).Placement);
        // None: 96.0, grade A, inspected: red. Grade A but never inspected: nothing to judge the service by, not red.
        var quiet = Policy.Score(Served(0));
        Assert.Equal(("red", "bestGrade"), (quiet.Placement!.List, quiet.Placement.Rule));
        Assert.Null(Policy.Score(Served(0, inspected: false)).Placement);

        Assert.Equal([many.CompanyId, twelve.CompanyId], Policy.BlackList([quiet, twelve, many]));
        Assert.Equal([quiet.CompanyId], Policy.RedList([quiet, twelve, many]));

        // The thresholds are the district's to set.
        var lenient = new ScoringPolicy(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scoring:BlackList:ComplaintRate"] = "5" }).Build());
        Assert.Null(lenient.Score(Served(14)).Placement);
    }

    [Fact]
    public void A_serious_finding_comes_first_and_can_be_turned_off()
    {
        var serious = Served(14) with { Inspections = [(Guid.NewGuid(), 92m, 100m, true)] };
        Assert.Equal("seriousFinding", Policy.Score(serious).Placement!.Rule);
        var withoutOverride = new ScoringPolicy(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scoring:BlackList:SeriousFinding"] = "false" }).Build());
        Assert.Equal("complaintRate", withoutOverride.Score(serious).Placement!.Rule);
        Assert.Null(withoutOverride.Score(Served(0) with { Inspections = [(Guid.NewGuid(), 95m, 100m, true)] }).Placement); // grade A, but not red with a serious finding
    }

    [Fact]
    public void A_period_closes_only_after_it_has_ended()
    {
        var q2 = PeriodCode.Parse("2022Q2");
        Assert.Equal((new DateOnly(2022, 4, 1), new DateOnly(2022, 6, 30)), (q2.From, q2.To));
        Assert.Equal((new DateOnly(2022, 7, 1), new DateOnly(2022, 12, 31)), (PeriodCode.Parse("2022H2").From, PeriodCode.Parse("2022H2").To));
        Assert.Equal(new DateOnly(2022, 2, 28), PeriodCode.Parse("2022-02").To);
        Assert.Throws<InvalidFieldException>(() => PeriodCode.Parse("2022Q5"));

        var now = new DateTimeOffset(2022, 7, 5, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Throws<DomainException>(() => ClosePeriodDecider.Decide(q2, [], Policy, new DateOnly(2022, 6, 30), now));
        var events = ClosePeriodDecider.Decide(q2, [Jinxiu(rated: false), Jinxiu()], Policy, null, now);
        var closed = Assert.IsType<EvaluationPeriodClosed>(events[0]);
        Assert.Equal(new DateOnly(2022, 7, 15), closed.ObjectionsUntil);
        Assert.Equal(2, events.OfType<CompanyScored>().Count());
        Assert.Single(Assert.Single(events.OfType<RedListPublished>()).CompanyIds);
        Assert.Empty(Assert.Single(events.OfType<BlackListPublished>()).CompanyIds);
    }

    [Fact]
    public void An_objection_is_filed_in_time_about_counted_items_and_upheld_re_scores_and_republishes()
    {
        var now = new DateTimeOffset(2022, 7, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var inputs = Jinxiu();
        var events = ClosePeriodDecider.Decide(PeriodCode.Parse("2022Q2"), [inputs], Policy, null, now);
        var period = events.Skip(1).Aggregate(EvaluationPeriod.Create((EvaluationPeriodClosed)events[0]), (p, e) => e switch
        {
            CompanyScored s => p.Apply(s),
            _ => p,
        });

        Assert.Throws<DomainException>(() => ObjectionDecider.File(period, new FileObjection(inputs.CompanyId, "晚了"), new DateOnly(2022, 7, 16), "物业", now));
        Assert.Throws<InvalidFieldException>(() => ObjectionDecider.File(period, new FileObjection(inputs.CompanyId, "不是我们的", [Guid.NewGuid()]), new DateOnly(2022, 7, 6), "物业", now));
        var filed = ObjectionDecider.File(period, new FileObjection(inputs.CompanyId, "两件投诉属于供热公司", inputs.ValidComplaintIds.Take(2).ToList()), new DateOnly(2022, 7, 6), "物业", now);
        period = period.Apply(filed);
        Assert.Throws<DomainException>(() => ObjectionDecider.File(period, new FileObjection(inputs.CompanyId, "再来一次"), new DateOnly(2022, 7, 6), "物业", now));

        var rescored = Policy.Score(inputs with { ValidComplaintIds = inputs.ValidComplaintIds.Skip(2).ToList() });
        var ruled = ObjectionDecider.Rule(period, filed.ObjectionId, new RuleObjection(true, "经核实属实"), rescored, Policy, new DateOnly(2022, 7, 8), "区住建服务中心", now);
        var scored = Assert.Single(ruled.OfType<CompanyScored>());
        Assert.Equal(2, scored.Revision);
        Assert.True(scored.Score.Total > period.Scores[inputs.CompanyId].Total);
        Assert.Equal(2, Assert.Single(ruled.OfType<RedListPublished>()).Revision);
        Assert.Throws<DomainException>(() => ObjectionDecider.Rule(period.Apply((ObjectionRuled)ruled[0]), filed.ObjectionId, new RuleObjection(false, "x"), null, Policy, new DateOnly(2022, 7, 8), "区", now));
    }

    [Fact]
    public void Missed_deadlines_escalate_a_yellow_card_then_an_interview_and_nothing_once_rectified()
    {
        var order = new RectificationOrder(Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2022, 8, 4), RectificationStatus.Ordered, null);

        Assert.Null(RectificationEscalation.Due(order, new DateOnly(2022, 8, 4), 14));
        Assert.Equal(EscalationLevel.YellowCard, RectificationEscalation.Due(order, new DateOnly(2022, 8, 5), 14));
        var carded = order with { Escalation = EscalationLevel.YellowCard };
        Assert.Null(RectificationEscalation.Due(carded, new DateOnly(2022, 8, 18), 14));
        Assert.Equal(EscalationLevel.Interview, RectificationEscalation.Due(carded, new DateOnly(2022, 8, 19), 14));
        Assert.Null(RectificationEscalation.Due(carded with { Escalation = EscalationLevel.Interview }, new DateOnly(2022, 9, 30), 14));
        Assert.Null(RectificationEscalation.Due(order with { Status = RectificationStatus.Rectified }, new DateOnly(2022, 9, 30), 14));
    }

    [Fact]
    public void The_default_checklist_has_eight_categories_and_100_points()
    {
        var checklist = new InspectionChecklist(new ConfigurationBuilder().Build());

        Assert.Equal(8, checklist.Categories.Count);
        Assert.Equal(100m, checklist.MaxScore);
        Assert.Equal(60m, checklist.PassMark);
    }
}
