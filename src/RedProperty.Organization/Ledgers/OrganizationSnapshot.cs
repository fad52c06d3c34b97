using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Geography;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;

namespace RedProperty.Organization.Ledgers;

/// <summary>
/// Companies, members and branches as the inline read models hold them — now, or as of a past instant,
/// rebuilt from the events recorded until then with the projections' own Create/Apply functions, so both
/// answers come from one definition.
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

    public int Instructors { get; private set; }

    public int ResponsibilityZones { get; private set; }

    public int PioneerPosts { get; private set; }

    public static async Task<OrganizationSnapshot> LoadAsync(IQuerySession session, DateTimeOffset asOf, bool isNow, CancellationToken cancellationToken)
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

            snapshot.Instructors = await session.Query<InstructorDetails>().CountAsync(cancellationToken);
            snapshot.ResponsibilityZones = await session.Events.QueryRawEventDataOnly<ResponsibilityZoneDesignated>().CountAsync(cancellationToken);
            snapshot.PioneerPosts = await session.Events.QueryRawEventDataOnly<PioneerPostDesignated>().CountAsync(cancellationToken);
            return snapshot;
        }

        // One ordered read of the log up to asOf; a month-end snapshot would bound it once the log grows large.
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= asOf)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        foreach (var stored in events)
        {
            snapshot.Apply(stored.Data);
        }

        return snapshot;
    }

    private void Apply(object @event)
    {
        switch (@event)
        {
            case PropertyCompanyRegistered e: Companies[e.CompanyId] = CompanyDetailsProjection.Create(e); break;
            case PropertyCompanyDetailsUpdated e: Companies[e.CompanyId] = CompanyDetailsProjection.Apply(e, Companies[e.CompanyId]); break;
            case CommunityRegistered e: Communities[e.CommunityId] = CommunityDetailsProjection.Create(e); break;
            case EstateRegistered e: Estates[e.EstateId] = EstateDetailsProjection.Create(e); break;
            case EstateDetailsUpdated e: Estates[e.EstateId] = EstateDetailsProjection.Apply(e, Estates[e.EstateId]); break;
            case EstateServiceContracted e: Estates[e.EstateId] = EstateDetailsProjection.Apply(e, Estates[e.EstateId]); break;
            case EstateServiceContractEnded e: Estates[e.EstateId] = EstateDetailsProjection.Apply(e, Estates[e.EstateId]); break;
            case CompanyStructureRecorded e: Companies[e.CompanyId] = CompanyDetailsProjection.Apply(e, Companies[e.CompanyId]); break;
            case CompanySurveyed e: Companies[e.CompanyId] = CompanyDetailsProjection.Apply(e, Companies[e.CompanyId]); break;
            case PartyMemberRegistered e: Members[e.MemberId] = MemberDetailsProjection.Create(e); break;
            case DevelopmentStageReached e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case MemberRelationTransferredIn e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case MemberRelationTransferredOut e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case PartyMemberLeftCompany e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case PledgeMade e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case MemberCompanyRoleChanged e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case MemberMovedCompany e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case BranchPlanned e: Branches[e.BranchId] = BranchDetailsProjection.Create(e); break;
            case BranchFormingStarted e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case BranchEstablished e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case BranchDissolved e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case BranchReformingStarted e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case BranchSecretaryChanged e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case InstructorAppointed: Instructors++; break;
            case ResponsibilityZoneDesignated: ResponsibilityZones++; break;
            case PioneerPostDesignated: PioneerPosts++; break;
        }
    }
}
