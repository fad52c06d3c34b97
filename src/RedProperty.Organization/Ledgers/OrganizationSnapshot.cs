using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Geography;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;

namespace RedProperty.Organization.Ledgers;

/// <summary>
/// Companies, members and branches as the inline read models hold them — now; or as of a day, by the
/// dates things happened (facts that took effect by then, see <see cref="IDatedFact"/>), as the ledger
/// stood at <c>knownAt</c> (facts recorded by then), rebuilt from the events with the projections' own
/// Create/Apply functions, so every answer comes from one definition.
/// </summary>
public sealed class OrganizationSnapshot
{
    private OrganizationSnapshot(DateTimeOffset asOf) => AsOf = asOf;

    public DateTimeOffset AsOf { get; }

    public Dictionary<Guid, CompanyDetails> Companies { get; } = [];

    public Dictionary<Guid, MemberDetails> Members { get; } = [];

    public Dictionary<Guid, BranchDetails> Branches { get; } = [];

    public Dictionary<Guid, CommunityDetails> Communities { get; } = [];

    public Dictionary<Guid, EstateDetails> Estates { get; } = [];

    /// <summary>The district's day of <see cref="AsOf"/>: service contracts run by days.</summary>
    public DateOnly Day => DistrictCalendar.Today(AsOf);

    private ILookup<Guid, EstateDetails>? _served;

    /// <summary>The estates <paramref name="companyId"/> serves on <see cref="Day"/>, by its service contracts.</summary>
    public IEnumerable<EstateDetails> EstatesServedBy(Guid companyId) =>
        (_served ??= Estates.Values.Where(e => e.CompanyOn(Day) is not null).ToLookup(e => e.CompanyOn(Day)!.Value))[companyId];

    public string CommunityName(Guid id) => Communities.TryGetValue(id, out var community) ? community.Name : id.ToString();

    private readonly HashSet<Guid> _instructors = [];
    private readonly HashSet<Guid> _zones = [];
    private readonly HashSet<Guid> _posts = [];
    private int? _instructorsNow;
    private int? _zonesNow;
    private int? _postsNow;

    /// <summary>Instructors serving (appointed, not ended) on the day.</summary>
    public int Instructors => _instructorsNow ?? _instructors.Count;

    /// <summary>Zones and posts designated and not retired by the day.</summary>
    public int ResponsibilityZones => _zonesNow ?? _zones.Count;

    public int PioneerPosts => _postsNow ?? _posts.Count;

    /// <param name="asOf">The end of the district's day asked about: facts that took effect by then.</param>
    /// <param name="knownAt">Facts recorded by then (the ledger as it stood at that instant).</param>
    /// <param name="isNow">Neither was asked: the inline read models answer.</param>
    public static async Task<OrganizationSnapshot> LoadAsync(
        IQuerySession session, DateTimeOffset asOf, DateTimeOffset knownAt, bool isNow, CancellationToken cancellationToken)
    {
        var snapshot = new OrganizationSnapshot(asOf);
        if (isNow)
        {
            foreach (var company in await session.Query<CompanyDetails>().ToListAsync(cancellationToken))
            {
                snapshot.Companies[company.Id] = company;
            }

            foreach (var member in await session.Query<MemberDetails>().ToListAsync(cancellationToken))
            {
                snapshot.Members[member.Id] = member;
            }

            foreach (var branch in await session.Query<BranchDetails>().ToListAsync(cancellationToken))
            {
                snapshot.Branches[branch.Id] = branch;
            }

            foreach (var community in await session.Query<CommunityDetails>().ToListAsync(cancellationToken))
            {
                snapshot.Communities[community.Id] = community;
            }

            foreach (var estate in await session.Query<EstateDetails>().ToListAsync(cancellationToken))
            {
                snapshot.Estates[estate.Id] = estate;
            }

            var today = snapshot.Day;
            snapshot._instructorsNow = await session.Query<InstructorDetails>().CountAsync(i => i.EndedOn == null || i.EndedOn >= today, cancellationToken);
            snapshot._zonesNow = await session.Query<ResponsibilityZoneDetails>().CountAsync(z => z.RetiredOn == null, cancellationToken);
            snapshot._postsNow = await session.Query<PioneerPostDetails>().CountAsync(p => p.RetiredOn == null, cancellationToken);
            return snapshot;
        }

        // One ordered read of the log up to knownAt; a month-end snapshot would bound it once the log grows large.
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= knownAt)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        foreach (var stored in events)
        {
            if (stored.Data is IDatedFact fact && fact.TookEffectOn() > snapshot.Day)
            {
                continue; // recorded, but it had not happened yet on the day asked about
            }

            snapshot.Apply(stored.Data);
        }

        return snapshot;
    }

    // A fact about something that did not exist yet on the day asked about changes nothing.
    private static void Update<T>(Dictionary<Guid, T> views, Guid id, Func<T, T> apply)
    {
        if (views.TryGetValue(id, out var view))
        {
            views[id] = apply(view);
        }
    }

    private void Apply(object @event)
    {
        switch (@event)
        {
            case PropertyCompanyRegistered e: Companies[e.CompanyId] = CompanyDetailsProjection.Create(e); break;
            case PropertyCompanyDetailsUpdated e: Update(Companies, e.CompanyId, v => CompanyDetailsProjection.Apply(e, v)); break;
            case CommunityRegistered e: Communities[e.CommunityId] = CommunityDetailsProjection.Create(e); break;
            case EstateRegistered e: Estates[e.EstateId] = EstateDetailsProjection.Create(e); break;
            case EstateDetailsUpdated e: Update(Estates, e.EstateId, v => EstateDetailsProjection.Apply(e, v)); break;
            case EstateServiceContracted e: Update(Estates, e.EstateId, v => EstateDetailsProjection.Apply(e, v)); break;
            case EstateServiceContractEnded e: Update(Estates, e.EstateId, v => EstateDetailsProjection.Apply(e, v)); break;
            case CompanyStructureRecorded e: Update(Companies, e.CompanyId, v => CompanyDetailsProjection.Apply(e, v)); break;
            case CompanySurveyed e: Update(Companies, e.CompanyId, v => CompanyDetailsProjection.Apply(e, v)); break;
            case PartyMemberRegistered e: Members[e.MemberId] = MemberDetailsProjection.Create(e); break;
            case DevelopmentStageReached e: Update(Members, e.MemberId, v => MemberDetailsProjection.Apply(e, v)); break;
            case MemberRelationTransferredIn e: Update(Members, e.MemberId, v => MemberDetailsProjection.Apply(e, v)); break;
            case MemberRelationTransferredOut e: Update(Members, e.MemberId, v => MemberDetailsProjection.Apply(e, v)); break;
            case PartyMemberLeftCompany e: Update(Members, e.MemberId, v => MemberDetailsProjection.Apply(e, v)); break;
            case PledgeMade e: Update(Members, e.MemberId, v => MemberDetailsProjection.Apply(e, v)); break;
            case MemberCompanyRoleChanged e: Update(Members, e.MemberId, v => MemberDetailsProjection.Apply(e, v)); break;
            case MemberMovedCompany e: Update(Members, e.MemberId, v => MemberDetailsProjection.Apply(e, v)); break;
            case BranchPlanned e: Branches[e.BranchId] = BranchDetailsProjection.Create(e); break;
            case BranchFormingStarted e: Update(Branches, e.BranchId, v => BranchDetailsProjection.Apply(e, v)); break;
            case BranchEstablished e: Update(Branches, e.BranchId, v => BranchDetailsProjection.Apply(e, v)); break;
            case BranchDissolved e: Update(Branches, e.BranchId, v => BranchDetailsProjection.Apply(e, v)); break;
            case BranchReformingStarted e: Update(Branches, e.BranchId, v => BranchDetailsProjection.Apply(e, v)); break;
            case BranchSecretaryChanged e: Update(Branches, e.BranchId, v => BranchDetailsProjection.Apply(e, v)); break;
            case InstructorAppointed e: _instructors.Add(e.InstructorId); break;
            case InstructorAppointmentEnded e when e.On < Day: _instructors.Remove(e.InstructorId); break;
            case ResponsibilityZoneDesignated e: _zones.Add(e.ZoneId); break;
            case ResponsibilityZoneRetired e: _zones.Remove(e.ZoneId); break;
            case PioneerPostDesignated e: _posts.Add(e.PostId); break;
            case PioneerPostRetired e: _posts.Remove(e.PostId); break;
        }
    }
}
