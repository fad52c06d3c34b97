using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
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
            case CompanyEstatesRecorded e: Companies[e.CompanyId] = CompanyDetailsProjection.Apply(e, Companies[e.CompanyId]); break;
            case CompanyStructureRecorded e: Companies[e.CompanyId] = CompanyDetailsProjection.Apply(e, Companies[e.CompanyId]); break;
            case CompanySurveyed e: Companies[e.CompanyId] = CompanyDetailsProjection.Apply(e, Companies[e.CompanyId]); break;
            case PartyMemberRegistered e: Members[e.MemberId] = MemberDetailsProjection.Create(e); break;
            case DevelopmentStageReached e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case MemberRelationTransferredIn e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case MemberRelationTransferredOut e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case PartyMemberLeftCompany e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case PledgeMade e: Members[e.MemberId] = MemberDetailsProjection.Apply(e, Members[e.MemberId]); break;
            case BranchPlanned e: Branches[e.BranchId] = BranchDetailsProjection.Create(e); break;
            case BranchFormingStarted e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case BranchEstablished e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case BranchDissolved e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case BranchReformingStarted e: Branches[e.BranchId] = BranchDetailsProjection.Apply(e, Branches[e.BranchId]); break;
            case InstructorAppointed: Instructors++; break;
            case ResponsibilityZoneDesignated: ResponsibilityZones++; break;
            case PioneerPostDesignated: PioneerPosts++; break;
        }
    }
}
