using CsvHelper;
using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Members;

namespace RedProperty.Organization.Ledgers;

// The four ledgers (4本台账) as flat rows, so that the same rows serve JSON pages and CSV exports.

/// <summary>Ledger 1: each company's internal organisation structure.</summary>
[CsvRecord]
public sealed partial record StructureRow(
    Guid CompanyId, string Company, string CreditCode, string Communities, int Estates, long Households, int? Employees, string Departments);

/// <summary>Ledger 2: party organisations established.</summary>
/// <param name="Secretary">null with <paramref name="SecretaryVacant"/> when the secretary has left the branch's companies.</param>
[CsvRecord]
public sealed partial record OrganizationRow(
    Guid BranchId, string Branch, string Kind, string Companies, string? Secretary, bool SecretaryVacant, DateOnly? ApprovedOn, int Members, string Parent);

/// <summary>Ledger 3: companies with no party organisation yet, and what should happen.</summary>
/// <param name="Status">notStarted (no branch, or only planned: see plannedFor) | forming.</param>
/// <param name="Recommendation">establishStandalone (3+ full members) | joinJointBranch (1–2) | developMembers (none).</param>
[CsvRecord]
public sealed partial record UnorganizedRow(
    Guid CompanyId, string Company, string Communities, int Members, int FullMembers, string Status, DateOnly? PlannedFor,
    string? Reason, string Recommendation);

/// <summary>Ledger 4: party members.</summary>
[CsvRecord]
public sealed partial record MemberRow(
    Guid MemberId, string Name, Guid CompanyId, string Company, string Position, string CompanyRole, string Stage, string JoinedVia,
    bool RelationTransferredIn, bool HasLeft);

/// <summary>应建尽建: of the companies with party members, which have a branch, which are forming, which have none and why.</summary>
public sealed record Coverage(
    DateTimeOffset AsOf, int CompaniesWithMembers, int WithBranch, int Forming, int WithoutBranch, IReadOnlyList<UnorganizedRow> Uncovered);

public static class OrganizationLedgers
{
    private const string Separator = "；";

    /// <summary>Names sort as a Chinese reader expects (pinyin order), not by code point.</summary>
    private static readonly StringComparer ChineseOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    public static IReadOnlyList<StructureRow> Structure(OrganizationSnapshot s, string? community) =>
        [.. Companies(s, community).Select(c => new StructureRow(
            c.Id, c.Name, c.CreditCode, Communities(s, c), s.EstatesServedBy(c.Id).Count(), s.EstatesServedBy(c.Id).Sum(e => (long)e.Households), c.Employees,
            string.Join(Separator, c.Departments.Select(d => $"{d.Name}/{d.Leader}/{d.Position}"))))];

    public static IReadOnlyList<OrganizationRow> Organizations(OrganizationSnapshot s, string? community)
    {
        var shown = Companies(s, community).Select(c => c.Id).ToHashSet();
        return
        [
            .. s.Branches.Values
                .Where(b => b.Status == BranchStatus.Established && b.CompanyIds.Any(shown.Contains))
                .OrderBy(b => b.ApprovedOn).ThenBy(b => b.Name, ChineseOrder).ThenBy(b => b.Id)
                .Select(b => new OrganizationRow(
                    b.Id, b.Name, IntegrationEventMap.Wire(b.Kind),
                    string.Join(Separator, b.CompanyIds.Select(id => s.Companies.TryGetValue(id, out var c) ? c.Name : id.ToString())),
                    SecretaryOf(s, b)?.Name,
                    SecretaryOf(s, b) is null,
                    b.ApprovedOn,
                    s.Members.Values.Count(m => m.CountsAsMember && b.CompanyIds.Contains(m.CompanyId)),
                    b.Parent)),
        ];
    }

    /// <summary>The branch's secretary while still a member in one of its companies; otherwise the post is vacant.</summary>
    private static MemberDetails? SecretaryOf(OrganizationSnapshot s, BranchDetails b) =>
        b.SecretaryMemberId is { } id && s.Members.TryGetValue(id, out var m) && !m.HasLeft && b.CompanyIds.Contains(m.CompanyId) ? m : null;

    public static IReadOnlyList<UnorganizedRow> Unorganized(OrganizationSnapshot s, string? community)
    {
        var covered = CoveredCompanies(s);
        return
        [
            .. Companies(s, community)
                .Where(c => !covered.Contains(c.Id))
                .Select(c =>
                {
                    var members = s.Members.Values.Where(m => m.CountsAsMember && m.CompanyId == c.Id).ToList();
                    var full = members.Count(m => m.Stage == MemberStage.Full);
                    var pending = s.Branches.Values
                        .Where(b => b.CompanyIds.Contains(c.Id) && b.Status is BranchStatus.Planned or BranchStatus.Forming)
                        .OrderByDescending(b => b.Status)
                        .FirstOrDefault();
                    return new UnorganizedRow(
                        c.Id, c.Name, Communities(s, c), members.Count, full,
                        pending?.Status == BranchStatus.Forming ? "forming" : "notStarted",
                        pending?.PlannedFor,
                        c.Surveys.Count > 0 ? c.Surveys[^1].Findings : null,
                        full >= PartyCommittees.FullMembersForBranch ? "establishStandalone" : members.Count > 0 ? "joinJointBranch" : "developMembers");
                }),
        ];
    }

    public static IReadOnlyList<MemberRow> MemberLedger(OrganizationSnapshot s, string? community)
    {
        var shown = Companies(s, community).ToDictionary(c => c.Id);
        return
        [
            .. s.Members.Values
                .Where(m => shown.ContainsKey(m.CompanyId))
                .OrderBy(m => shown[m.CompanyId].Name, ChineseOrder).ThenBy(m => m.Name, ChineseOrder).ThenBy(m => m.Id)
                .Select(m => new MemberRow(
                    m.Id, m.Name, m.CompanyId, shown[m.CompanyId].Name, m.Position, IntegrationEventMap.Wire(m.CompanyRole), IntegrationEventMap.Wire(m.Stage),
                    IntegrationEventMap.Wire(m.Via), m.RelationTransferredIn, m.HasLeft)),
        ];
    }

    public static Coverage CoverageOf(OrganizationSnapshot s)
    {
        var uncovered = Unorganized(s, null).Where(r => r.Members > 0).ToList();
        var withMembers = CompaniesWithMembers(s);
        return new Coverage(s.AsOf, withMembers.Count, withMembers.Count - uncovered.Count, uncovered.Count(r => r.Status == "forming"), uncovered.Count, uncovered);
    }

    /// <summary>The rows of companies serving an estate of <paramref name="community"/>.</summary>
    public static IReadOnlyList<UnorganizedRow> ServingCommunity(OrganizationSnapshot s, IEnumerable<UnorganizedRow> rows, Guid community) =>
        [.. rows.Where(r => s.EstatesServedBy(r.CompanyId).Any(e => e.CommunityId == community))];

    private static HashSet<Guid> CompaniesWithMembers(OrganizationSnapshot s) =>
        s.Members.Values.Where(m => m.CountsAsMember).Select(m => m.CompanyId).ToHashSet();

    private static HashSet<Guid> CoveredCompanies(OrganizationSnapshot s) =>
        s.Branches.Values.Where(b => b.Status == BranchStatus.Established).SelectMany(b => b.CompanyIds).ToHashSet();

    /// <param name="community">A community's id, or its name.</param>
    private static IEnumerable<CompanyDetails> Companies(OrganizationSnapshot s, string? community) =>
        s.Companies.Values
            .Where(c => community is null || s.EstatesServedBy(c.Id).Any(e => e.CommunityId.ToString() == community || s.CommunityName(e.CommunityId) == community))
            .OrderBy(c => c.Name, ChineseOrder)
            .ThenBy(c => c.Id); // names repeat; the id keeps pages stable and "now" equal to "as of now"

    private static string Communities(OrganizationSnapshot s, CompanyDetails c) =>
        string.Join(Separator, s.EstatesServedBy(c.Id).Select(e => s.CommunityName(e.CommunityId)).Distinct().Order(ChineseOrder));
}
