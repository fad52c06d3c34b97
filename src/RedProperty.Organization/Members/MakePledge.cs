using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Members;

/// <summary>Publish the member's pledge: identity shown, the standards kept, the commitments made.</summary>
public sealed record MakePledge(string Identity, string Standards, string Commitments, DateOnly PublishedOn);

public sealed class MakePledgeValidator : AbstractValidator<MakePledge>
{
    public MakePledgeValidator()
    {
        RuleFor(p => p.Identity).NotEmpty().MaximumLength(100);
        RuleFor(p => p.PublishedOn).NotEmpty();
        RuleFor(p => p.Standards).NotEmpty().MaximumLength(500);
        RuleFor(p => p.Commitments).NotEmpty().MaximumLength(500);
    }
}

public static class MakePledgeDecider
{
    public static IReadOnlyList<object> Decide(PartyMember member, MakePledge command, DateTimeOffset now) =>
        member.CountsAsMember
            ? [new PledgeMade(member.Id, command.Identity.Trim(), command.Standards.Trim(), command.Commitments.Trim(), command.PublishedOn, now)]
            : throw new DomainException("Only a current probationary or full party member makes a public pledge.");
}

public static class MakePledgeEndpoint
{
    public static Task<Ok<MemberDetails>> Handle(
        Guid id, MakePledge command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PartyMember, MemberDetails>(
            id, expected, member => MakePledgeDecider.Decide(member, command, time.GetUtcNow()), response, cancellationToken);
}

/// <summary>A pledge as residents see it on the public board: who, where, what.</summary>
public sealed record PublicPledge(Guid MemberId, string Name, string Company, string Identity, string Standards, string Commitments, DateOnly PublishedOn);

public static class PledgeBoardEndpoint
{
    public static async Task<Results<Ok<IReadOnlyList<PublicPledge>>, NotFound>> Handle(
        Guid? companyId, IQuerySession session, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A company's users see their own company's board.
        if (!Caller.Of(user).TryLimitCompany(companyId, out companyId))
        {
            return TypedResults.NotFound();
        }

        var members = await session.Query<MemberDetails>()
            .Where(m => !m.HasLeft && (companyId == null || m.CompanyId == companyId))
            .ToListAsync(cancellationToken);
        var pledged = members.Where(m => m.Pledge is not null && m.CountsAsMember).ToList();
        var companies = (await session.LoadManyAsync<CompanyDetails>(cancellationToken, pledged.Select(m => m.CompanyId).Distinct()))
            .ToDictionary(c => c.Id, c => c.Name);
        return TypedResults.Ok<IReadOnlyList<PublicPledge>>([
            .. pledged.Select(m => new PublicPledge(
                m.Id, m.Name, companies.GetValueOrDefault(m.CompanyId, ""), m.Pledge!.Identity, m.Pledge.Standards, m.Pledge.Commitments, m.Pledge.PublishedOn)),
        ]);
    }
}
