using System.Text.Json;
using Marten.Events;
using RedProperty.Contracts;
using RedProperty.Overview.DistrictLog;

namespace RedProperty.Overview.Figures;

/// <summary>
/// The district's figures as of a day (top-level names as in the services' summaries), what they
/// were folded from (<paramref name="Position"/> in the district log), the lists, a per-community
/// breakdown, monthly series, and the 2022 report's figures to hold them against.
/// </summary>
public sealed record DistrictFigures(
    DateTimeOffset AsOf, long Position,
    int PartyMembers, int CompaniesWithMembers, int BranchesEstablished, int CompaniesForming, int ConcurrentCompanyHeads, int Instructors,
    int ResponsibilityZones, int PioneerPosts, int RedListed, int BlackListed, int SmartSecurityCommunities, int ParkingSpacesAdded,
    int RenovatedCommunities, int HouseholdsBenefiting, int VolunteerTeams, int ActivitiesHeld, int DisputesMediated,
    int ComplaintsFiled, int InstructorVisits, int MeetingsHeld,
    string? Period, IReadOnlyList<ListedCompany> RedList, IReadOnlyList<ListedCompany> BlackList,
    IReadOnlyList<CommunityFigures> Communities, IReadOnlyList<MonthFigures> Monthly, ReportFigures Report)
{
    /// <summary>Disputes resolved (化解, the report's figure): closed as agreed, the agreement kept at the return visit. A subset of <see cref="DisputesMediated"/>.</summary>
    public int DisputesResolved { get; init; }
}

public sealed record ListedCompany(Guid CompanyId, string? Name);

public sealed record CommunityFigures(
    Guid CommunityId, string Name, int ConcurrentCompanyHeads, int ResponsibilityZones, int PioneerPosts, int SmartSecurityCommunities,
    int ParkingSpacesAdded, int RenovatedCommunities, int HouseholdsBenefiting, int VolunteerTeams, int ActivitiesHeld, int DisputesMediated,
    int ComplaintsFiled, int MeetingsHeld)
{
    public int DisputesResolved { get; init; }

    public bool HasAny => ConcurrentCompanyHeads + ResponsibilityZones + PioneerPosts + SmartSecurityCommunities + ParkingSpacesAdded + RenovatedCommunities
        + HouseholdsBenefiting + VolunteerTeams + ActivitiesHeld + DisputesMediated + ComplaintsFiled + MeetingsHeld > 0;
}

/// <param name="Month">yyyy-MM.</param>
public sealed record MonthFigures(string Month, int ComplaintsFiled, int InstructorVisits, int ActivitiesHeld, int DisputesMediated)
{
    public int DisputesResolved { get; init; }
}

/// <summary>The figures of the 2022 report on Maiji District (docs/domain.md), which the seed's district reproduces.</summary>
public sealed record ReportFigures(
    int PartyMembers, int CompaniesWithMembers, int BranchesEstablished, int CompaniesForming, int ConcurrentCompanyHeads, int Instructors,
    int MinimumVisitsPerCompanyMonth, int ResponsibilityZones, int PioneerPosts, int RedListed, int BlackListed, int SmartSecurityCommunities,
    int ParkingSpacesAdded, int RenovatedCommunities, int HouseholdsBenefiting, int VolunteerTeams, int ActivitiesHeld, int DisputesResolved)
{
    public static readonly ReportFigures Maiji2022 = new(81, 12, 5, 7, 29, 38, 2, 8, 12, 5, 3, 70, 548, 103, 10_504, 4, 21, 13);
}

/// <summary>
/// The district log in memory, typed: loaded once, then only the entries after the last position seen
/// (the log only grows), so a refreshing page costs a fold over memory, not a read of the whole log.
/// </summary>
public sealed class DistrictLogCache(IDocumentStore store) : IDisposable
{
    private static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly List<(long Position, DateTimeOffset Time, object Contract)> _entries = [];
    private long _position;

    public async Task<DistrictFigures> FiguresAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            await using var session = store.QuerySession();
            while (true)
            {
                var after = _position;
                var page = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.EventTypesAre(typeof(DistrictEventLogged))).OrderBy(e => e.Sequence).Take(1000).ToListAsync(cancellationToken);
                foreach (var stored in page)
                {
                    var logged = (DistrictEventLogged)stored.Data;
                    // A type this version does not know (a newer publisher) is kept in the log, left out of the figures.
                    if (PublicEvents.ContractOf(logged.Type) is { } type && logged.Data.Deserialize(type, Read) is { } contract)
                    {
                        _entries.Add((stored.Sequence, logged.Time, contract));
                    }

                    _position = stored.Sequence;
                }

                if (page.Count < 1000)
                {
                    break;
                }
            }

            var fold = new DistrictFold(DistrictCalendar.Today(asOf));
            foreach (var (_, time, contract) in _entries)
            {
                fold.Apply(contract, time);
            }

            return fold.Figures(asOf, _position);
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();
}
