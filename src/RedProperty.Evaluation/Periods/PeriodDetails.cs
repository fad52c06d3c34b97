using Marten.Events.Aggregation;

namespace RedProperty.Evaluation.Periods;

public sealed record ObjectionDetails(Guid Id, Guid CompanyId, string Reason, IReadOnlyList<Guid> ComplaintIds, IReadOnlyList<Guid> InspectionIds, DateTimeOffset FiledAt)
{
    /// <summary><c>pending</c>, <c>upheld</c> or <c>rejected</c>.</summary>
    public string Status { get; init; } = "pending";

    public string? Ruling { get; init; }
}

/// <summary>A closed period: every company's score with its breakdown and evidence, the red and black lists, objections.</summary>
public sealed record PeriodDetails(Guid Id, string Period, DateOnly From, DateOnly To, DateOnly ClosedOn, DateOnly ObjectionsUntil) : IVersioned
{
    public int Revision { get; init; } = 1;

    public IReadOnlyList<CompanyScore> Scores { get; init; } = [];

    public IReadOnlyList<Guid> RedList { get; init; } = [];

    public IReadOnlyList<Guid> BlackList { get; init; } = [];

    /// <summary>The day the lists in force were published (the close, or the last upheld objection).</summary>
    public DateOnly ListsPublishedOn { get; init; }

    public IReadOnlyList<ObjectionDetails> Objections { get; init; } = [];

    public long Version { get; set; }
}

public sealed class PeriodDetailsProjection : SingleStreamProjection<PeriodDetails, Guid>
{
    public static PeriodDetails Create(EvaluationPeriodClosed e) => new(e.PeriodId, e.Period, e.From, e.To, e.ClosedOn, e.ObjectionsUntil) { ListsPublishedOn = e.ClosedOn };

    public static PeriodDetails Apply(CompanyScored e, PeriodDetails p) =>
        p with { Revision = e.Revision, Scores = [.. p.Scores.Where(s => s.CompanyId != e.Score.CompanyId), e.Score] };

    public static PeriodDetails Apply(RedListPublished e, PeriodDetails p) => p with { RedList = e.CompanyIds, ListsPublishedOn = e.PublishedOn };

    public static PeriodDetails Apply(BlackListPublished e, PeriodDetails p) => p with { BlackList = e.CompanyIds, ListsPublishedOn = e.PublishedOn };

    public static PeriodDetails Apply(ObjectionFiled e, PeriodDetails p) =>
        p with { Objections = [.. p.Objections, new ObjectionDetails(e.ObjectionId, e.CompanyId, e.Reason, e.ComplaintIds, e.InspectionIds, e.FiledAt)] };

    public static PeriodDetails Apply(ObjectionRuled e, PeriodDetails p) =>
        p with { Objections = [.. p.Objections.Select(o => o.Id == e.ObjectionId ? o with { Status = e.Upheld ? "upheld" : "rejected", Ruling = e.Reason } : o)] };
}
