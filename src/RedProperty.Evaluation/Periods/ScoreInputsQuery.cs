using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Inspections;
using RedProperty.Evaluation.PartyBuilding;
using RedProperty.Evaluation.Places;

namespace RedProperty.Evaluation.Periods;

/// <summary>
/// Reads what a period's scores are computed from, in a handful of queries for the whole district:
/// who served which estate's households during the period, the complaints filed in it (valid = accepted,
/// whatever happened later; ratings), the spot inspections made in it, and each company's party branch
/// on the period's last day.
/// </summary>
public static class ScoreInputsQuery
{
    public static async Task<IReadOnlyList<ScoreInputs>> GatherAsync(
        IQuerySession session, PeriodCode period, Guid? onlyCompany, Func<Guid, (IReadOnlySet<Guid> Complaints, IReadOnlySet<Guid> Inspections)> excluded,
        CancellationToken cancellationToken)
    {
        var households = new Dictionary<Guid, int>();
        foreach (var estate in await session.Query<EstateDirectoryEntry>().Where(e => e.Registered).ToListAsync(cancellationToken))
        {
            foreach (var company in estate.Services.Where(s => s.From <= period.To && (s.To is null || s.To >= period.From)).Select(s => s.CompanyId).Distinct())
            {
                households[company] = households.GetValueOrDefault(company) + estate.Households;
            }
        }

        var start = new DateTimeOffset(period.From.ToDateTime(TimeOnly.MinValue), DistrictCalendar.Offset);
        var end = new DateTimeOffset(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), DistrictCalendar.Offset);
        var complaints = (await session.Query<ComplaintDetails>()
                .Where(c => c.FiledAt >= start && c.FiledAt < end && c.CompanyId != null)
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.CompanyId!.Value);
        var inspections = (await session.Query<InspectionDetails>()
                .Where(i => i.On >= period.From && i.On <= period.To)
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.CompanyId);

        var companies = households.Keys.Concat(complaints.Select(g => g.Key)).Concat(inspections.Select(g => g.Key)).Distinct()
            .Where(c => onlyCompany is null || c == onlyCompany).ToList();
        var names = (await session.LoadManyAsync<CompanyDirectoryEntry>(cancellationToken, companies)).Where(c => c.Registered).ToDictionary(c => c.Id);
        var branches = (await session.LoadManyAsync<PartyBuildingEntry>(cancellationToken, companies)).ToDictionary(p => p.Id);

        var rows = new List<ScoreInputs>();
        foreach (var company in companies.Where(names.ContainsKey))
        {
            var (outComplaints, outInspections) = excluded(company);
            var own = complaints[company].Where(c => !outComplaints.Contains(c.Id)).ToList();
            var branch = branches.GetValueOrDefault(company);
            rows.Add(new ScoreInputs(
                company, names[company].Name, households.GetValueOrDefault(company),
                [.. own.Where(IsValid).OrderBy(c => c.FiledAt).Select(c => c.Id)],
                [.. inspections[company].Where(i => !outInspections.Contains(i.Id)).OrderBy(i => i.On).Select(i => (i.Id, i.Score, i.MaxScore, i.Serious))],
                [.. own.Where(c => c.Satisfaction is not null).Select(c => (c.Id, c.Satisfaction!.Value))],
                branch?.On(period.To), [.. branch?.BranchesOn(period.To) ?? []]));
        }

        return rows;
    }

    /// <summary>Accepted as valid at some point: not waiting for a ruling, not ruled out.</summary>
    public static bool IsValid(ComplaintDetails complaint) =>
        complaint.Status is not (ComplaintStatus.Filed or ComplaintStatus.RuledInvalid or ComplaintStatus.RuledDuplicate);
}
