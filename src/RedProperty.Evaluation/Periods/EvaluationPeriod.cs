using System.Globalization;
using System.Text.RegularExpressions;

namespace RedProperty.Evaluation.Periods;

/// <summary>An evaluation period by its code: <c>2022Q2</c> (quarter, the default rhythm), <c>2022H1</c>, <c>2022</c> or <c>2022-06</c>.</summary>
public sealed partial record PeriodCode(string Code, DateOnly From, DateOnly To)
{
    // [0-9], not \d: \d also matches full-width and other scripts' digits, which int.Parse refuses.
    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:Q(?<q>[1-4])|H(?<h>[12])|-(?<m>0[1-9]|1[0-2]))?$")]
    private static partial Regex Pattern();

    public Guid StreamId => StreamIds.Named($"evaluation-period:{Code}");

    public static PeriodCode Parse(string code)
    {
        var match = Pattern().Match(code ?? "");
        if (!match.Success || !PlausibleDates.Contains(new DateOnly(int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture), 1, 1)))
        {
            throw new InvalidFieldException("period", "A quarter (2022Q2), a half year (2022H1), a year (2022) or a month (2022-06).");
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var (from, months) =
            match.Groups["q"].Success ? (new DateOnly(year, (int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1, 1), 3)
            : match.Groups["h"].Success ? (new DateOnly(year, match.Groups["h"].Value == "1" ? 1 : 7, 1), 6)
            : match.Groups["m"].Success ? (new DateOnly(year, int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture), 1), 1)
            : (new DateOnly(year, 1, 1), 12);
        return new PeriodCode(code!, from, from.AddMonths(months).AddDays(-1));
    }
}

// Events of a period's stream (stream id from the code): closing scores every company and publishes
// the red and black lists; an upheld objection re-scores one company and publishes the lists again.

public sealed record EvaluationPeriodClosed(Guid PeriodId, string Period, DateOnly From, DateOnly To, DateOnly ClosedOn, DateOnly ObjectionsUntil, DateTimeOffset ClosedAt)
    : IDatedFact
{
    public DateOnly TookEffectOn() => ClosedOn;
}

public sealed record CompanyScored(Guid PeriodId, string Period, CompanyScore Score, int Revision, DateTimeOffset ScoredAt);

public sealed record RedListPublished(Guid PeriodId, string Period, IReadOnlyList<Guid> CompanyIds, int Revision, DateOnly PublishedOn, DateTimeOffset PublishedAt);

public sealed record BlackListPublished(Guid PeriodId, string Period, IReadOnlyList<Guid> CompanyIds, int Revision, DateOnly PublishedOn, DateTimeOffset PublishedAt);

public sealed record ObjectionFiled(Guid PeriodId, Guid ObjectionId, Guid CompanyId, string Reason, IReadOnlyList<Guid> ComplaintIds, IReadOnlyList<Guid> InspectionIds, string By, DateTimeOffset FiledAt);

public sealed record ObjectionRuled(Guid PeriodId, Guid ObjectionId, Guid CompanyId, bool Upheld, string Reason, string By, DateTimeOffset RuledAt);

public sealed record Objection(Guid Id, Guid CompanyId, IReadOnlyList<Guid> ComplaintIds, IReadOnlyList<Guid> InspectionIds, bool? Upheld);

public sealed record EvaluationPeriod(
    Guid Id, string Period, DateOnly From, DateOnly To, DateOnly ClosedOn, DateOnly ObjectionsUntil, int Revision,
    IReadOnlyDictionary<Guid, CompanyScore> Scores, IReadOnlyList<Objection> Objections)
{
    public static EvaluationPeriod Create(EvaluationPeriodClosed e) => new(e.PeriodId, e.Period, e.From, e.To, e.ClosedOn, e.ObjectionsUntil, 1, new Dictionary<Guid, CompanyScore>(), []);

    public EvaluationPeriod Apply(CompanyScored e) =>
        this with { Revision = Math.Max(Revision, e.Revision), Scores = new Dictionary<Guid, CompanyScore>(Scores) { [e.Score.CompanyId] = e.Score } };

    public EvaluationPeriod Apply(RedListPublished e) => this;

    public EvaluationPeriod Apply(BlackListPublished e) => this;

    public EvaluationPeriod Apply(ObjectionFiled e) => this with { Objections = [.. Objections, new Objection(e.ObjectionId, e.CompanyId, e.ComplaintIds, e.InspectionIds, null)] };

    public EvaluationPeriod Apply(ObjectionRuled e) =>
        this with { Objections = [.. Objections.Select(o => o.Id == e.ObjectionId ? o with { Upheld = e.Upheld } : o)] };

    /// <summary>What upheld objections took out of a company's evidence.</summary>
    public (IReadOnlySet<Guid> Complaints, IReadOnlySet<Guid> Inspections) ExcludedFor(Guid company) =>
        (Objections.Where(o => o.CompanyId == company && o.Upheld == true).SelectMany(o => o.ComplaintIds).ToHashSet(),
         Objections.Where(o => o.CompanyId == company && o.Upheld == true).SelectMany(o => o.InspectionIds).ToHashSet());
}
