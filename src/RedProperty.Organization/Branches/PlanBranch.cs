using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Branches;

/// <summary>Plan a branch for one company (standalone) or for several together (joint).</summary>
/// <param name="PlannedFor">The target day of establishment.</param>
/// <param name="PlannedOn">The day the plan was made (default today).</param>
public sealed record PlanBranch(string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, DateOnly? PlannedFor, DateOnly? PlannedOn = null);

public sealed class PlanBranchValidator : AbstractValidator<PlanBranch>
{
    public PlanBranchValidator()
    {
        RuleFor(b => b.Name).NotEmpty().MaximumLength(100);
        RuleFor(b => b.Kind).IsInEnum();
        RuleFor(b => b.CompanyIds).NotNull()
            .Must(ids => ids.Distinct().Count() == ids.Count).WithMessage("A company is listed twice.")
            .Must((b, ids) => b.Kind == BranchKind.Joint ? ids.Count >= 2 : ids.Count == 1)
                .WithMessage(b => b.Kind == BranchKind.Joint
                    ? "A joint branch (联合建) joins two or more companies."
                    : "A standalone branch (单独建) is for exactly one company.");
        RuleForEach(b => b.CompanyIds).NotEmpty();
    }
}

public static class PlanBranchDecider
{
    public static BranchPlanned Decide(Guid branchId, PlanBranch command, DateTimeOffset now) =>
        new(branchId, command.Name.Trim(), command.Kind, command.CompanyIds, command.PlannedFor, now)
        {
            PlannedOn = DistrictCalendar.FactDay(command.PlannedOn, now, "plan"),
        };
}

public static class PlanBranchEndpoint
{
    public static async Task<Created<BranchDetails>> Handle(
        PlanBranch command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        await RegisteredCompanies.Require(session, "companyIds", [.. command.CompanyIds], cancellationToken);

        var now = time.GetUtcNow();
        var planned = PlanBranchDecider.Decide(Guid.CreateVersion7(now), command, now);
        // One live branch per company, claimed in the same transaction as the plan.
        BranchClaims.Claim(session, planned.BranchId, planned.CompanyIds);
        try
        {
            return await session.Start<PartyBranch, BranchDetails>(
                planned.BranchId, planned, BranchDetails.Create(planned), $"/api/organization/branches/{planned.BranchId}", response, cancellationToken);
        }
        catch (Exception e) when (DocumentConflicts.Involve<BranchClaim>(e))
        {
            throw BranchClaims.Taken(e);
        }
    }
}
