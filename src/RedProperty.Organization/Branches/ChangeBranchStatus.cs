namespace RedProperty.Organization.Branches;

/// <summary>Start forming a planned branch, dissolve an established one, or re-form a dissolved one.</summary>
public enum BranchStep
{
    StartForming,
    Dissolve,
    Reform,
}

/// <param name="On">The day it happened (default today).</param>
public sealed record ChangeBranchStatus(BranchStep Step, string? Reason, DateOnly? On = null);

public sealed class ChangeBranchStatusValidator : AbstractValidator<ChangeBranchStatus>
{
    public ChangeBranchStatusValidator()
    {
        RuleFor(c => c.Step).IsInEnum();
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(200).When(c => c.Step == BranchStep.Dissolve);
    }
}

/// <summary>The step named in the request, decided by its own use case.</summary>
public static class BranchLifecycleDecider
{
    public static IReadOnlyList<object> Decide(PartyBranch branch, ChangeBranchStatus command, DateTimeOffset now)
    {
        if (command.On < branch.PlannedOn)
        {
            throw new DomainException($"The plan is dated {branch.PlannedOn:yyyy-MM-dd}; nothing in the branch's life can precede it.");
        }

        return command.Step switch
        {
            BranchStep.StartForming => [StartFormingDecider.Decide(branch, command.On, now)],
            BranchStep.Dissolve => [DissolveBranchDecider.Decide(branch, command.Reason!, command.On, now)],
            _ => [ReformBranchDecider.Decide(branch, command.On, now)],
        };
    }

    internal static DomainException Cannot(PartyBranch branch, BranchStep step) => new($"A {branch.Status} branch cannot {step}.");
}

public static class ChangeBranchStatusEndpoint
{
    public static async Task<Ok<BranchDetails>> Handle(
        Guid id, ChangeBranchStatus command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        // Dissolving frees the companies; re-forming claims them again (409 if one has joined another branch since).
        if (command.Step is BranchStep.Dissolve or BranchStep.Reform
            && await session.LoadAsync<BranchDetails>(id, cancellationToken) is { } branch)
        {
            if (command.Step == BranchStep.Dissolve)
            {
                BranchClaims.Release(session, branch.CompanyIds);
            }
            else
            {
                BranchClaims.Claim(session, id, branch.CompanyIds);
            }
        }

        try
        {
            return await session.Change<PartyBranch, BranchDetails>(
                id, expected, branch => BranchLifecycleDecider.Decide(branch, command, time.GetUtcNow()), response, cancellationToken);
        }
        catch (Exception e) when (DocumentConflicts.Involve<BranchClaim>(e))
        {
            throw BranchClaims.Taken(e);
        }
    }
}

public static class BranchClaims
{
    public static void Claim(IDocumentSession session, Guid branchId, IEnumerable<Guid> companyIds)
    {
        foreach (var company in companyIds)
        {
            session.Insert(new BranchClaim(company, branchId));
        }
    }

    public static void Release(IDocumentSession session, IEnumerable<Guid> companyIds)
    {
        foreach (var company in companyIds)
        {
            session.Delete<BranchClaim>(company);
        }
    }

    public static DomainException Taken(Exception conflict) =>
        new("A company of this branch already belongs to another live branch; dissolve that one first.", conflict);
}
