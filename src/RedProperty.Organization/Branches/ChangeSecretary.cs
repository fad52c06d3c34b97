using RedProperty.Organization.Members;

namespace RedProperty.Organization.Branches;

/// <summary>An established branch elects or appoints a new secretary, from <paramref name="On"/>.</summary>
public sealed record ChangeSecretary(Guid SecretaryMemberId, DateOnly On);

public sealed class ChangeSecretaryValidator : AbstractValidator<ChangeSecretary>
{
    public ChangeSecretaryValidator()
    {
        RuleFor(c => c.SecretaryMemberId).NotEmpty();
        RuleFor(c => c.On).NotEmpty();
    }
}

public static class ChangeSecretaryDecider
{
    public static IReadOnlyList<object> Decide(PartyBranch branch, ChangeSecretary command, PartyMember secretary, DateOnly today, DateTimeOffset now)
    {
        if (branch.Status != BranchStatus.Established)
        {
            throw new DomainException($"Only an established branch has a secretary; this one is {branch.Status}.");
        }

        if (command.On > today)
        {
            throw new DomainException($"A change on {command.On:yyyy-MM-dd} has not happened yet.");
        }

        EstablishBranchDecider.RequireSecretary(branch, secretary);
        return [new BranchSecretaryChanged(branch.Id, secretary.Id, command.On, now)];
    }
}

public static class ChangeSecretaryEndpoint
{
    public static async Task<Ok<BranchDetails>> Handle(
        Guid id, ChangeSecretary command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var secretary = await Secretaries.Load(session, command.SecretaryMemberId, cancellationToken);
        return await session.Change<PartyBranch, BranchDetails>(
            id, expected, branch => ChangeSecretaryDecider.Decide(branch, command, secretary, DistrictCalendar.Today(time.GetUtcNow()), time.GetUtcNow()),
            response, cancellationToken);
    }
}
