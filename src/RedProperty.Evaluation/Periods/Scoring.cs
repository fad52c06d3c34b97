using RedProperty.Evaluation.PartyBuilding;

namespace RedProperty.Evaluation.Periods;

/// <summary>One part of a score: its 0–100 value (null when there was nothing to judge by), its weight, how it was reached.</summary>
public sealed record ScoreComponent(string Name, decimal? Score, decimal Weight, string Basis);

/// <summary>What counted: the complaints, inspections, ratings and branches behind a score.</summary>
public sealed record ScoreEvidence(IReadOnlyList<Guid> ValidComplaintIds, IReadOnlyList<Guid> InspectionIds, IReadOnlyList<Guid> RatedComplaintIds, IReadOnlyList<Guid> BranchIds);

public sealed record CompanyScore(
    Guid CompanyId, string CompanyName, decimal Total, string Grade, bool SeriousBreach, int HouseholdsServed, int ValidComplaints, decimal? ComplaintRate,
    IReadOnlyList<ScoreComponent> Components, ScoreEvidence Evidence);

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
/// count in proportion. Grades by <c>Scoring:Grades</c>; the red list is the best grade without a
/// serious breach, the black list the worst grade or any serious breach.
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
        return new CompanyScore(
            inputs.CompanyId, inputs.CompanyName, total, Grades.First(g => total >= g.Minimum).Grade, serious, inputs.HouseholdsServed,
            inputs.ValidComplaintIds.Count, rate, components,
            new ScoreEvidence(inputs.ValidComplaintIds, [.. inputs.Inspections.Select(i => i.Id)], [.. inputs.Ratings.Select(x => x.ComplaintId)], inputs.BranchIds));
    }

    public IReadOnlyList<Guid> RedList(IEnumerable<CompanyScore> scores) =>
        [.. scores.Where(s => s.Grade == Best && !s.SeriousBreach).OrderByDescending(s => s.Total).Select(s => s.CompanyId)];

    public IReadOnlyList<Guid> BlackList(IEnumerable<CompanyScore> scores) =>
        [.. scores.Where(s => s.Grade == Worst || s.SeriousBreach).OrderBy(s => s.Total).Select(s => s.CompanyId)];

    private static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
