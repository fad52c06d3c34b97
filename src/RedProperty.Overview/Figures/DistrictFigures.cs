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
/// Folds of the district log, one per day asked for, each carried forward by the entries logged since
/// it last looked, never refolded: a fold is a left fold over the log in order, so going on from where it
/// stopped gives what a fold from the start would. The log itself is not kept: each fold reads the entries
/// after its own position, a page at a time, so memory holds the folds' state, not the history. Figures
/// are kept with the position they were folded at, so a refreshing page with nothing new costs one look
/// at the log. Readers of different days never wait for each other; the most recently asked days are kept
/// (<see cref="KeptDays"/>), others are folded again when asked.
/// </summary>
public sealed class DistrictLogCache(IDocumentStore store)
{
    public const int KeptDays = 16;
    private const int Page = 1000;

    private static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web);
    private readonly Lock _keeping = new();
    private readonly Dictionary<DateOnly, DayFold> _days = [];
    private long _asked;
    private long _entriesFolded;

    /// <summary>Entries applied to a fold since start: a figures request with nothing new applies none.</summary>
    public long EntriesFolded => Interlocked.Read(ref _entriesFolded);

    private sealed class DayFold(DateOnly day)
    {
        // One reader folds a day at a time; the others then find it folded.
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public DistrictFold Fold { get; } = new(day);

        public long Position { get; set; }

        public DistrictFigures? Figures { get; set; }

        public long LastAsked { get; set; }
    }

    public async Task<DistrictFigures> FiguresAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var fold = Kept(DistrictCalendar.Today(asOf));
        await fold.Turn.WaitAsync(cancellationToken);
        try
        {
            var from = fold.Position;
            await CatchUpAsync(fold, cancellationToken);
            if (fold.Figures is null || fold.Position != from)
            {
                fold.Figures = fold.Fold.Figures(asOf, fold.Position);
            }

            return fold.Figures with { AsOf = asOf };
        }
        finally
        {
            fold.Turn.Release();
        }
    }

    private DayFold Kept(DateOnly day)
    {
        lock (_keeping)
        {
            if (!_days.TryGetValue(day, out var fold))
            {
                if (_days.Count >= KeptDays)
                {
                    _days.Remove(_days.MinBy(d => d.Value.LastAsked).Key); // a reader still folding it finishes unharmed
                }

                _days[day] = fold = new DayFold(day);
            }

            fold.LastAsked = ++_asked;
            return fold;
        }
    }

    private async Task CatchUpAsync(DayFold fold, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        while (true)
        {
            var after = fold.Position;
            var page = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after && e.EventTypesAre(typeof(DistrictEventLogged))).OrderBy(e => e.Sequence).Take(Page).ToListAsync(cancellationToken);
            foreach (var stored in page)
            {
                var logged = (DistrictEventLogged)stored.Data;
                // A type this version does not know (a newer publisher) is kept in the log, left out of the figures.
                if (PublicEvents.ContractOf(logged.Type) is { } type && logged.Data.Deserialize(type, Read) is { } contract)
                {
                    fold.Fold.Apply(contract, logged.Time);
                    Interlocked.Increment(ref _entriesFolded);
                }

                fold.Position = stored.Sequence;
            }

            if (page.Count < Page)
            {
                return;
            }
        }
    }
}
