using RedProperty.Evaluation.PartyBuilding;

namespace RedProperty.Evaluation.Periods;

/// <summary>One part of a score: its 0–100 value (null when there was nothing to judge by), its weight, how it was reached.</summary>
public sealed record ScoreComponent(string Name, decimal? Score, decimal Weight, string Basis);

/// <summary>What counted: the complaints, inspections, ratings and branches behind a score.</summary>
public sealed record ScoreEvidence(IReadOnlyList<Guid> ValidComplaintIds, IReadOnlyList<Guid> InspectionIds, IReadOnlyList<Guid> RatedComplaintIds, IReadOnlyList<Guid> BranchIds);

public sealed record CompanyScore(
    Guid CompanyId, string CompanyName, decimal Total, string Grade, bool SeriousBreach, int HouseholdsServed, int ValidComplaints, decimal? ComplaintRate,
    IReadOnlyList<ScoreComponent> Components, ScoreEvidence Evidence)
{
    /// <summary>The list the score puts the company on, and the rule that did (null: neither list, or a score from before the rules were kept).</summary>
    public ListPlacement? Placement { get; init; }
}

/// <summary>
/// A company on the red list (通报表扬) or the black list (责令限期整改), and why.
/// </summary>
/// <param name="List">red | black.</param>
/// <param name="Rule">bestGrade (red); seriousFinding, complaintRate or worstGrade (black).</param>
/// <param name="Basis">The rule applied to this company's figures, in words.</param>
public sealed record ListPlacement(string List, string Rule, string Basis);

/// <summary>Everything the score of one company in one period is computed from.</summary>
public sealed record ScoreInputs(
    Guid CompanyId, string CompanyName, int HouseholdsServed, IReadOnlyList<Guid> ValidComplaintIds,
    IReadOnlyList<(Guid Id, decimal Score, decimal MaxScore, bool Serious)> Inspections,
    IReadOnlyList<(Guid ComplaintId, int Score)> Ratings, BranchState? Branch, IReadOnlyList<Guid> BranchIds);

public sealed record GradeBand(string Grade, string Name, decimal Minimum);

/// <summary>
/// The scoring policy (README "Scoring"): four components, each 0–100 — spot inspections (the average
/// of score ÷ maximum), the complaint rate (100 − <see cref="ComplaintRatePenalty"/> × valid complaints
/// per 100 households served, not below 0), residents' satisfaction ((average rating − 1) ÷ 4 × 100) and
/// party building (established branch 100, forming 60, none 0) — weighted by <c>Scoring:Weights</c>
/// (0.4 / 0.3 / 0.2 / 0.1). A component with nothing to judge by is left out and the other weights
/// count in proportion. Grades by <c>Scoring:Grades</c>.
/// The lists, as the district makes them "根据业主投诉率以及现场抽查检查等情况" (by owners' complaint rate and
/// spot checks). Black, by the first rule that applies:
/// <list type="number">
/// <item>seriousFinding: a serious finding at a spot inspection (<c>Scoring:BlackList:SeriousFinding</c>, on by default).</item>
/// <item>complaintRate: many owner complaints, that is at least <c>Scoring:BlackList:ComplaintRate</c> (3) valid complaints per 100
/// households served, and at least <c>Scoring:BlackList:MinimumComplaints</c> (5) of them, whatever the score.</item>
/// <item>worstGrade: the worst grade.</item>
/// </list>
/// Red (bestGrade): the best grade, no serious finding, at most <c>Scoring:RedList:MaximumComplaintRate</c> (1) per 100
/// households, and at least <c>Scoring:RedList:MinimumInspections</c> (1) spot inspection to judge by.
/// </summary>
public sealed class ScoringPolicy
{
    public ScoringPolicy(IConfiguration configuration)
    {
        var weights = configuration.GetSection("Scoring:Weights");
        Inspections = weights.GetValue("Inspections", 0.4m);
        Complaints = weights.GetValue("Complaints", 0.3m);
        Satisfaction = weights.GetValue("Satisfaction", 0.2m);
        PartyBuilding = weights.GetValue("PartyBuilding", 0.1m);
        ComplaintRatePenalty = configuration.GetValue("Scoring:ComplaintRatePenalty", 20m);
        ObjectionDays = configuration.GetValue("Scoring:ObjectionDays", 10);
        SeriousFindingBlackLists = configuration.GetValue("Scoring:BlackList:SeriousFinding", true);
        BlackListComplaintRate = configuration.GetValue("Scoring:BlackList:ComplaintRate", 3m);
        BlackListMinimumComplaints = configuration.GetValue("Scoring:BlackList:MinimumComplaints", 5);
        RedListMaximumComplaintRate = configuration.GetValue("Scoring:RedList:MaximumComplaintRate", 1m);
        RedListMinimumInspections = configuration.GetValue("Scoring:RedList:MinimumInspections", 1);
        var grades = configuration.GetSection("Scoring:Grades").Get<List<GradeBand>>();
        Grades = [.. (grades is { Count: > 0 } ? grades : DefaultGrades).OrderByDescending(g => g.Minimum)];
    }

    public static readonly IReadOnlyList<GradeBand> DefaultGrades =
        [new("A", "优秀", 90), new("B", "良好", 80), new("C", "合格", 70), new("D", "基本合格", 60), new("E", "不合格", 0)];

    public decimal Inspections { get; }

    public decimal Complaints { get; }

    public decimal Satisfaction { get; }

    public decimal PartyBuilding { get; }

    public decimal ComplaintRatePenalty { get; }

    public int ObjectionDays { get; }

    public bool SeriousFindingBlackLists { get; }

    public decimal BlackListComplaintRate { get; }

    public int BlackListMinimumComplaints { get; }

    public decimal RedListMaximumComplaintRate { get; }

    public int RedListMinimumInspections { get; }

    public IReadOnlyList<GradeBand> Grades { get; }

    public string Best => Grades[0].Grade;

    public string Worst => Grades[^1].Grade;

    public CompanyScore Score(ScoreInputs inputs)
    {
        decimal? inspections = inputs.Inspections.Count == 0 ? null : Round(inputs.Inspections.Average(i => i.Score / i.MaxScore * 100));
        decimal? rate = inputs.HouseholdsServed == 0 ? null : Math.Round(inputs.ValidComplaintIds.Count * 100m / inputs.HouseholdsServed, 3);
        decimal? complaints = rate is { } r ? Round(Math.Max(0, 100 - ComplaintRatePenalty * r)) : null;
        decimal? satisfaction = inputs.Ratings.Count == 0 ? null : Round((decimal)(inputs.Ratings.Average(x => x.Score) - 1) / 4 * 100);
        decimal party = inputs.Branch switch { BranchState.Established => 100, BranchState.Forming => 60, _ => 0 };

        ScoreComponent[] components =
        [
            new("inspections", inspections, Inspections, $"{inputs.Inspections.Count} spot inspections, average of score ÷ maximum"),
            new("complaints", complaints, Complaints, rate is null ? "no households served" : $"{inputs.ValidComplaintIds.Count} valid complaints per {inputs.HouseholdsServed} households = {rate} per 100; 100 − {ComplaintRatePenalty} × rate"),
            new("satisfaction", satisfaction, Satisfaction, $"{inputs.Ratings.Count} residents' ratings, (average − 1) ÷ 4 × 100"),
            new("partyBuilding", party, PartyBuilding, inputs.Branch switch { BranchState.Established => "party branch established", BranchState.Forming => "party branch forming", _ => "no party branch" }),
        ];
        var counted = components.Where(c => c.Score is not null).ToList();
        var weight = counted.Sum(c => c.Weight);
        var total = weight == 0 ? 0 : Round(counted.Sum(c => c.Score!.Value * c.Weight) / weight);
        var serious = inputs.Inspections.Any(i => i.Serious);
        var grade = Grades.First(g => total >= g.Minimum).Grade;
        return new CompanyScore(
            inputs.CompanyId, inputs.CompanyName, total, grade, serious, inputs.HouseholdsServed,
            inputs.ValidComplaintIds.Count, rate, components,
            new ScoreEvidence(inputs.ValidComplaintIds, [.. inputs.Inspections.Select(i => i.Id)], [.. inputs.Ratings.Select(x => x.ComplaintId)], inputs.BranchIds))
        {
            Placement = Place(grade, serious, rate, inputs.ValidComplaintIds.Count, inputs.Inspections.Count),
        };
    }

    private ListPlacement? Place(string grade, bool serious, decimal? rate, int complaints, int inspections)
    {
        if (serious && SeriousFindingBlackLists)
        {
            return new("black", "seriousFinding", "a serious finding at a spot inspection");
        }

        if (rate >= BlackListComplaintRate && complaints >= BlackListMinimumComplaints)
        {
            return new("black", "complaintRate", $"{complaints} valid owner complaints, {rate} per 100 households served: at least {BlackListComplaintRate}");
        }

        if (grade == Worst)
        {
            return new("black", "worstGrade", $"grade {grade}, the worst");
        }

        return grade == Best && !serious && (rate ?? 0) <= RedListMaximumComplaintRate && inspections >= RedListMinimumInspections
            ? new("red", "bestGrade", $"grade {grade}, no serious finding, {rate ?? 0} complaints per 100 households (at most {RedListMaximumComplaintRate}), {inspections} spot inspections")
            : null;
    }

    public IReadOnlyList<Guid> RedList(IEnumerable<CompanyScore> scores) =>
        [.. scores.Where(s => s.Placement?.List == "red").OrderByDescending(s => s.Total).Select(s => s.CompanyId)];

    public IReadOnlyList<Guid> BlackList(IEnumerable<CompanyScore> scores) =>
        [.. scores.Where(s => s.Placement?.List == "black").OrderBy(s => s.Total).Select(s => s.CompanyId)];

    private static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
