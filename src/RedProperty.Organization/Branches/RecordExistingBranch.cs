using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Branches;

/// <summary>A party organisation the carpet survey found already existing: recorded as established with its approval date.</summary>
public sealed record RecordExistingBranch(string Name, BranchKind Kind, IReadOnlyList<Guid> CompanyIds, DateOnly ApprovedOn, Guid SecretaryMemberId);

public sealed class RecordExistingBranchValidator : AbstractValidator<RecordExistingBranch>
{
    public RecordExistingBranchValidator()
    {
        // The same rules as planning (kind against the number of companies, no company twice), keyed by the same fields.
        RuleFor(b => new PlanBranch(b.Name, b.Kind, b.CompanyIds, null)).SetValidator(new PlanBranchValidator()).OverridePropertyName("");
        RuleFor(b => b.ApprovedOn).NotEmpty();
        RuleFor(b => b.SecretaryMemberId).NotEmpty();
    }
}

public static class RecordExistingBranchDecider
{
    public static IReadOnlyList<object> Decide(Guid branchId, RecordExistingBranch command, Members.PartyMember secretary, int fullMembers, DateOnly today, DateTimeOffset now)
    {
        if (command.ApprovedOn > today)
        {
            throw new DomainException($"An approval on {command.ApprovedOn:yyyy-MM-dd} has not happened yet.");
        }

        var planned = PlanBranchDecider.Decide(branchId, new PlanBranch(command.Name, command.Kind, command.CompanyIds, null, command.ApprovedOn), now);
        var branch = PartyBranch.Create(planned);
        return [planned, .. EstablishBranchDecider.Decide(branch, new EstablishBranch(command.ApprovedOn, command.SecretaryMemberId), secretary, fullMembers, now)];
    }
}

public static class RecordExistingBranchEndpoint
{
    public static async Task<Created<BranchDetails>> Handle(
        RecordExistingBranch command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        await RegisteredCompanies.Require(session, "companyIds", [.. command.CompanyIds], cancellationToken);
        var secretary = await Secretaries.Load(session, command.SecretaryMemberId, cancellationToken);
        var fullMembers = await Secretaries.FullMembers(session, command.CompanyIds, cancellationToken);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var events = RecordExistingBranchDecider.Decide(id, command, secretary, fullMembers, DistrictCalendar.Today(now), now);
        BranchClaims.Claim(session, id, command.CompanyIds);
        session.Events.StartStream<PartyBranch>(id, events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (DocumentConflicts.Involve<BranchClaim>(e))
        {
            throw BranchClaims.Taken(e);
        }

        response.SetETag(events.Count);
        return TypedResults.Created($"/api/organization/branches/{id}", (await session.LoadAsync<BranchDetails>(id, cancellationToken))!);
    }
}
