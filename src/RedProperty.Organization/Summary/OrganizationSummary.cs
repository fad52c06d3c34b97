using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;
using RedProperty.Organization.Branches;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;

namespace RedProperty.Organization.Summary;

/// <summary>The district's organisation-building figures (the report's 81 / 12 / 5 / 7 …).</summary>
/// <param name="CompaniesForming">Companies with members whose branch is being formed and none established.</param>
/// <param name="CompaniesWithoutOrganization">Companies with members and no established branch (应建尽建: these are left).</param>
public sealed record OrganizationSummary(
    DateTimeOffset AsOf, int PartyMembers, int CompaniesWithMembers, int BranchesEstablished, int CompaniesForming,
    int CompaniesWithoutOrganization, int Instructors, int ResponsibilityZones, int PioneerPosts);

/// <summary>
/// Folds the event log into the figures with the same evolve functions the deciders use, so the
/// answer for any <c>asOf</c> is what the events recorded up to then say.
/// </summary>
public sealed class DistrictFigures
{
    private readonly Dictionary<Guid, PartyMember> _members = [];
    private readonly Dictionary<Guid, PartyBranch> _branches = [];
    private int _instructors;
    private int _zones;
    private int _posts;

    public void Apply(object @event)
    {
        switch (@event)
        {
            case PartyMemberRegistered e: _members[e.MemberId] = PartyMember.Create(e); break;
            case DevelopmentStageReached e: _members[e.MemberId] = _members[e.MemberId].Apply(e); break;
            case MemberRelationTransferredIn e: _members[e.MemberId] = _members[e.MemberId].Apply(e); break;
            case MemberRelationTransferredOut e: _members[e.MemberId] = _members[e.MemberId].Apply(e); break;
            case PartyMemberLeftCompany e: _members[e.MemberId] = _members[e.MemberId].Apply(e); break;
            case BranchPlanned e: _branches[e.BranchId] = PartyBranch.Create(e); break;
            case BranchFormingStarted e: _branches[e.BranchId] = _branches[e.BranchId].Apply(e); break;
            case BranchEstablished e: _branches[e.BranchId] = _branches[e.BranchId].Apply(e); break;
            case BranchDissolved e: _branches[e.BranchId] = _branches[e.BranchId].Apply(e); break;
            case BranchReformingStarted e: _branches[e.BranchId] = _branches[e.BranchId].Apply(e); break;
            case InstructorAppointed: _instructors++; break;
            case ResponsibilityZoneDesignated: _zones++; break;
            case PioneerPostDesignated: _posts++; break;
        }
    }

    public OrganizationSummary Summarize(DateTimeOffset asOf)
    {
        var members = _members.Values.Where(m => m.CountsAsMember).ToList();
        var withMembers = members.Select(m => m.CompanyId).ToHashSet();
        var established = _branches.Values.Where(b => b.Status == BranchStatus.Established).ToList();
        var covered = established.SelectMany(b => b.CompanyIds).ToHashSet();
        var forming = _branches.Values
            .Where(b => b.Status == BranchStatus.Forming)
            .SelectMany(b => b.CompanyIds)
            .Where(c => withMembers.Contains(c) && !covered.Contains(c))
            .ToHashSet();
        return new OrganizationSummary(
            asOf, members.Count, withMembers.Count, established.Count, forming.Count,
            withMembers.Count(c => !covered.Contains(c)), _instructors, _zones, _posts);
    }
}

public static class GetSummaryEndpoint
{
    public static async Task<Ok<OrganizationSummary>> Handle(
        string? asOf, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var until = AsOf.Parse(asOf, time);
        // One ordered read of the log; a snapshot projection takes over when the district's log grows large.
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= until)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var figures = new DistrictFigures();
        foreach (var stored in events)
        {
            figures.Apply(stored.Data);
        }

        return TypedResults.Ok(figures.Summarize(until));
    }
}
