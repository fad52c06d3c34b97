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
/// (the log only grows). A fold per day asked for is kept and carried forward by the entries that came
/// since, never refolded: a fold is a left fold over the log in order, so going on from where it stopped
/// gives what a fold from the start would. Figures are kept with the position they were folded at, so a
/// refreshing page with nothing new costs one look at the log. The most recently asked days are kept
/// (<see cref="KeptDays"/>); others are folded again when asked.
/// </summary>
public sealed class DistrictLogCache(IDocumentStore store) : IDisposable
{
    public const int KeptDays = 16;

    private static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly List<(long Position, DateTimeOffset Time, object Contract)> _entries = [];
    private readonly Dictionary<DateOnly, DayFold> _days = [];
    private long _position;
    private long _asked;

    /// <summary>Entries applied to a fold since start: a figures request with nothing new applies none.</summary>
    public long EntriesFolded { get; private set; }

    private sealed class DayFold(DateOnly day)
    {
        public DistrictFold Fold { get; } = new(day);

        public int Applied { get; set; }

        public DistrictFigures? Figures { get; set; }

        public long LastAsked { get; set; }
    }

    public async Task<DistrictFigures> FiguresAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken);
            var day = DistrictCalendar.Today(asOf);
            if (!_days.TryGetValue(day, out var fold))
            {
                if (_days.Count >= KeptDays)
                {
                    _days.Remove(_days.MinBy(d => d.Value.LastAsked).Key);
                }

                _days[day] = fold = new DayFold(day);
            }

            fold.LastAsked = ++_asked;
            if (fold.Figures is null || fold.Applied < _entries.Count)
            {
                for (; fold.Applied < _entries.Count; fold.Applied++)
                {
                    var (_, time, contract) = _entries[fold.Applied];
                    fold.Fold.Apply(contract, time);
                    EntriesFolded++;
                }

                fold.Figures = fold.Fold.Figures(asOf, _position);
            }

            return fold.Figures with { AsOf = asOf };
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
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
                return;
            }
        }
    }

    public void Dispose() => _loading.Dispose();
}
