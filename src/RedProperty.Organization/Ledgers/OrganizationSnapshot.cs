using System.Reflection;
using JasperFx.Events;
using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Geography;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;

namespace RedProperty.Organization.Ledgers;

/// <summary>
/// The read models the ledgers and the summary work from — now, as the inline projections hold them;
/// or as of a day, by the dates things happened (facts that took effect by then, see
/// <see cref="IDatedFact"/>), as the ledger stood at <c>knownAt</c> (facts recorded by then), rebuilt
/// from the events with each projection's own Create/Apply, so every answer comes from one definition.
/// </summary>
public sealed class OrganizationSnapshot
{
    // The views the ledgers read, each with the projection that evolves it.
    private static readonly IViewFold[] Folds =
    [
        new ViewFold<CompanyDetailsProjection, CompanyDetails>(s => s.Companies, v => v.Id),
        new ViewFold<MemberDetailsProjection, MemberDetails>(s => s.Members, v => v.Id),
        new ViewFold<BranchDetailsProjection, BranchDetails>(s => s.Branches, v => v.Id),
        new ViewFold<CommunityDetailsProjection, CommunityDetails>(s => s.Communities, v => v.Id),
        new ViewFold<EstateDetailsProjection, EstateDetails>(s => s.Estates, v => v.Id),
        new ViewFold<InstructorDetailsProjection, InstructorDetails>(s => s.InstructorViews, v => v.Id),
        new ViewFold<ResponsibilityZoneDetailsProjection, ResponsibilityZoneDetails>(s => s.Zones, v => v.Id),
        new ViewFold<PioneerPostDetailsProjection, PioneerPostDetails>(s => s.Posts, v => v.Id),
    ];

    private static readonly ILookup<Type, IViewFold> FoldsByEvent =
        Folds.SelectMany(f => f.EventTypes.Select(t => (t, f))).ToLookup(p => p.t, p => p.f);

    private ILookup<Guid, EstateDetails>? _served;

    private OrganizationSnapshot(DateTimeOffset asOf) => AsOf = asOf;

    public DateTimeOffset AsOf { get; }

    /// <summary>The district's day of <see cref="AsOf"/>: contracts, appointments and retirements run by days.</summary>
    public DateOnly Day => DistrictCalendar.Today(AsOf);

    public Dictionary<Guid, CompanyDetails> Companies { get; } = [];

    public Dictionary<Guid, MemberDetails> Members { get; } = [];

    public Dictionary<Guid, BranchDetails> Branches { get; } = [];

    public Dictionary<Guid, CommunityDetails> Communities { get; } = [];

    public Dictionary<Guid, EstateDetails> Estates { get; } = [];

    public Dictionary<Guid, InstructorDetails> InstructorViews { get; } = [];

    public Dictionary<Guid, ResponsibilityZoneDetails> Zones { get; } = [];

    public Dictionary<Guid, PioneerPostDetails> Posts { get; } = [];

    /// <summary>Instructors serving (appointed, not ended) on the day.</summary>
    public int Instructors => InstructorViews.Values.Count(i => i.ServesOn(Day));

    /// <summary>Zones and posts designated and not retired by the day.</summary>
    public int ResponsibilityZones => Zones.Values.Count(z => z.RetiredOn is null || z.RetiredOn > Day);

    public int PioneerPosts => Posts.Values.Count(p => p.RetiredOn is null || p.RetiredOn > Day);

    /// <summary>The estates <paramref name="companyId"/> serves on <see cref="Day"/>, by its service contracts.</summary>
    public IEnumerable<EstateDetails> EstatesServedBy(Guid companyId) =>
        (_served ??= Estates.Values.Select(e => (Estate: e, Company: e.CompanyOn(Day))).Where(p => p.Company is not null).ToLookup(p => p.Company!.Value, p => p.Estate))[companyId];

    public string CommunityName(Guid id) => Communities.TryGetValue(id, out var community) ? community.Name : id.ToString();

    /// <param name="asOf">The end of the district's day asked about: facts that took effect by then.</param>
    /// <param name="knownAt">Facts recorded by then (the ledger as it stood at that instant).</param>
    /// <param name="isNow">Neither was asked: the inline read models answer.</param>
    public static async Task<OrganizationSnapshot> LoadAsync(
        IQuerySession session, DateTimeOffset asOf, DateTimeOffset knownAt, bool isNow, CancellationToken cancellationToken)
    {
        var snapshot = new OrganizationSnapshot(asOf);
        if (isNow)
        {
            foreach (var fold in Folds)
            {
                await fold.LoadAsync(session, snapshot, cancellationToken);
            }

            return snapshot;
        }

        // One ordered read of the log up to knownAt; a month-end snapshot would bound it once the log grows large.
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= knownAt)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        // The members' sealed names open with their keys, read here in one query rather than one per member.
        await PersonalData.PrefetchAsync(session, events.Where(e => e.Data is PartyMemberRegistered).Select(e => e.StreamId), cancellationToken);
        foreach (var stored in events)
        {
            if (stored.Data is IDatedFact fact && fact.TookEffectOn() > snapshot.Day)
            {
                continue; // recorded, but it had not happened yet on the day asked about
            }

            foreach (var fold in FoldsByEvent[stored.EventType])
            {
                await fold.ApplyAsync(snapshot, stored, session);
            }
        }

        return snapshot;
    }

    private interface IViewFold
    {
        IEnumerable<Type> EventTypes { get; }

        Task LoadAsync(IQuerySession session, OrganizationSnapshot snapshot, CancellationToken cancellationToken);

        ValueTask ApplyAsync(OrganizationSnapshot snapshot, IEvent stored, IQuerySession session);
    }

    /// <summary>
    /// A view evolved by its projection's static <c>Create(event)</c> (or <c>Create(event, session)</c>, which opens sealed
    /// personal data) and <c>Apply(event, view)</c>, keyed by stream id.
    /// </summary>
    private sealed class ViewFold<TProjection, TView>(Func<OrganizationSnapshot, Dictionary<Guid, TView>> views, Func<TView, Guid> id) : IViewFold
        where TView : notnull
    {
        private static readonly Dictionary<Type, MethodInfo> Creates = Methods("Create", 1, typeof(TView))
            .Concat(Methods("Create", 2, typeof(Task<TView>))).ToDictionary();

        private static readonly Dictionary<Type, MethodInfo> Applies = Methods("Apply", 2, typeof(TView));

        public IEnumerable<Type> EventTypes => Creates.Keys.Concat(Applies.Keys);

        public async Task LoadAsync(IQuerySession session, OrganizationSnapshot snapshot, CancellationToken cancellationToken)
        {
            foreach (var view in await session.Query<TView>().ToListAsync(cancellationToken))
            {
                views(snapshot)[id(view)] = view;
            }
        }

        public async ValueTask ApplyAsync(OrganizationSnapshot snapshot, IEvent stored, IQuerySession session)
        {
            var all = views(snapshot);
            if (Creates.TryGetValue(stored.EventType, out var create))
            {
                all[stored.StreamId] = create.GetParameters().Length == 1
                    ? (TView)create.Invoke(null, [stored.Data])!
                    : await (Task<TView>)create.Invoke(null, [stored.Data, session])!;
            }
            else if (all.TryGetValue(stored.StreamId, out var view))
            {
                // A fact about something that did not exist yet on the day asked about changes nothing.
                all[stored.StreamId] = (TView)Applies[stored.EventType].Invoke(null, [stored.Data, view])!;
            }
        }

        private static Dictionary<Type, MethodInfo> Methods(string name, int parameters, Type returns) =>
            typeof(TProjection).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.Name == name && m.ReturnType == returns && m.GetParameters().Length == parameters)
                .ToDictionary(m => m.GetParameters()[0].ParameterType);
    }
}
