using RedProperty.Organization.Members;

namespace RedProperty.Organization.Branches;

/// <summary>The branch is approved. Its secretary must be a full member working in one of its companies.</summary>
public sealed record EstablishBranch(DateOnly ApprovedOn, Guid SecretaryMemberId);

public static class EstablishBranchDecider
{
    public static IReadOnlyList<object> Decide(PartyBranch branch, EstablishBranch command, PartyMember? secretary, DateTimeOffset now)
    {
        if (branch.Status is not (BranchStatus.Planned or BranchStatus.Forming))
        {
            throw new DomainException($"A {branch.Status} branch cannot be established; re-form it first.");
        }

        if (secretary is null || secretary.HasLeft || !branch.CompanyIds.Contains(secretary.CompanyId))
        {
            throw new DomainException("The secretary must be a current party member of one of the branch's companies.");
        }

        if (secretary.Stage != MemberStage.Full)
        {
            throw new DomainException($"The secretary must be a full member; this member is {secretary.Stage}.");
        }

        return [new BranchEstablished(branch.Id, branch.Name, branch.Kind, branch.CompanyIds, command.ApprovedOn, secretary.Id, now)];
    }
}

public static class EstablishBranchEndpoint
{
    public static async Task<Ok<BranchDetails>> Handle(
        Guid id, EstablishBranch command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var secretary = await session.Events.AggregateStreamAsync<PartyMember>(command.SecretaryMemberId, token: cancellationToken)
            ?? throw new InvalidFieldException("secretaryMemberId", $"No party member with id {command.SecretaryMemberId}.");
        return await session.Change<PartyBranch, BranchDetails>(
            id, expected, branch => EstablishBranchDecider.Decide(branch, command, secretary, time.GetUtcNow()), response, cancellationToken);
    }
}

public sealed class EstablishBranchValidator : AbstractValidator<EstablishBranch>
{
    public EstablishBranchValidator()
    {
        RuleFor(e => e.ApprovedOn).NotEmpty();
        RuleFor(e => e.SecretaryMemberId).NotEmpty();
    }
}
