using RedProperty.Organization.Members;

namespace RedProperty.Organization.Branches;

/// <summary>The branch is approved. Its secretary must be a full member working in one of its companies.</summary>
public sealed record EstablishBranch(DateOnly ApprovedOn, Guid SecretaryMemberId);

public static class EstablishBranchDecider
{
    /// <param name="fullMembers">Current full members of the branch's companies.</param>
    public static IReadOnlyList<object> Decide(PartyBranch branch, EstablishBranch command, PartyMember? secretary, int fullMembers, DateTimeOffset now)
    {
        if (branch.Status is not (BranchStatus.Planned or BranchStatus.Forming))
        {
            throw new DomainException($"A {branch.Status} branch cannot be established; re-form it first.");
        }

        if (command.ApprovedOn < branch.PlannedOn)
        {
            throw new DomainException(
                $"The plan is dated {branch.PlannedOn:yyyy-MM-dd}, after this approval; record the plan with the day it was made (plannedOn), or record an existing branch.");
        }

        if (fullMembers < PartyCommittees.FullMembersForBranch)
        {
            throw new DomainException(branch.Kind == BranchKind.Standalone
                ? $"A standalone branch needs at least {PartyCommittees.FullMembersForBranch} full members in its company; it has {fullMembers}. Plan a joint branch with other companies instead."
                : $"A joint branch needs at least {PartyCommittees.FullMembersForBranch} full members across its companies; they have {fullMembers}. Add a company with members.");
        }

        RequireSecretary(branch, secretary);
        return [new BranchEstablished(branch.Id, branch.Name, branch.Kind, branch.CompanyIds, command.ApprovedOn, secretary!.Id, now)];
    }

    /// <summary>A secretary is a current full member working in one of the branch's companies.</summary>
    public static void RequireSecretary(PartyBranch branch, PartyMember? secretary)
    {
        if (secretary is null || secretary.HasLeft || !branch.CompanyIds.Contains(secretary.CompanyId))
        {
            throw new DomainException("The secretary must be a current party member of one of the branch's companies.");
        }

        if (secretary.Stage != MemberStage.Full)
        {
            throw new DomainException($"The secretary must be a full member; this member is {secretary.Stage}.");
        }
    }
}

public static class EstablishBranchEndpoint
{
    public static async Task<Ok<BranchDetails>> Handle(
        Guid id, EstablishBranch command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var secretary = await Secretaries.Load(session, command.SecretaryMemberId, cancellationToken);
        var companies = (await session.LoadAsync<BranchDetails>(id, cancellationToken))?.CompanyIds ?? [];
        var fullMembers = await Secretaries.FullMembers(session, companies, cancellationToken);
        return await session.Change<PartyBranch, BranchDetails>(
            id, expected, branch => EstablishBranchDecider.Decide(branch, command, secretary, fullMembers, time.GetUtcNow()), response, cancellationToken);
    }
}

public static class Secretaries
{
    public static async Task<PartyMember> Load(IQuerySession session, Guid memberId, CancellationToken cancellationToken) =>
        await session.Events.AggregateStreamAsync<PartyMember>(memberId, token: cancellationToken)
            ?? throw new InvalidFieldException("secretaryMemberId", $"No party member with id {memberId}.");

    public static async Task<int> FullMembers(IQuerySession session, IReadOnlyList<Guid> companyIds, CancellationToken cancellationToken) =>
        await session.Query<MemberDetails>()
            .CountAsync(m => companyIds.Contains(m.CompanyId) && !m.HasLeft && m.Stage == MemberStage.Full, cancellationToken);
}

public sealed class EstablishBranchValidator : AbstractValidator<EstablishBranch>
{
    public EstablishBranchValidator()
    {
        RuleFor(e => e.ApprovedOn).NotEmpty();
        RuleFor(e => e.SecretaryMemberId).NotEmpty();
    }
}
