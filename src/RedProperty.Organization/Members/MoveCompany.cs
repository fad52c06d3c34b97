using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Members;

/// <summary>The person moves to another company (or back to work after leaving) on <paramref name="On"/>: the same member, not a new one.</summary>
public sealed record MoveCompany(Guid ToCompanyId, DateOnly On, string Position, CompanyRole? CompanyRole);

public sealed class MoveCompanyValidator : AbstractValidator<MoveCompany>
{
    public MoveCompanyValidator()
    {
        RuleFor(c => c.ToCompanyId).NotEmpty();
        RuleFor(c => c.On).NotEmpty();
        RuleFor(c => c.Position).NotEmpty().MaximumLength(50);
        RuleFor(c => c.CompanyRole).NotNull().IsInEnum();
    }
}

public static class MoveCompanyDecider
{
    public static IReadOnlyList<object> Decide(PartyMember member, MoveCompany command, DateTimeOffset now)
    {
        var on = DistrictCalendar.FactDay(command.On, now, "move");
        if (command.ToCompanyId == member.CompanyId && !member.HasLeft)
        {
            throw new DomainException("The member already works for that company.");
        }

        return [new MemberMovedCompany(member.Id, member.CompanyId, command.ToCompanyId, command.CompanyRole!.Value, command.Position.Trim(), on, now)];
    }
}

public static class MoveCompanyEndpoint
{
    public static async Task<Ok<MemberDetails>> Handle(
        Guid id, MoveCompany command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        await RegisteredCompanies.Require(session, "toCompanyId", [command.ToCompanyId], cancellationToken);
        return await session.Change<PartyMember, MemberDetails>(
            id, expected, member => MoveCompanyDecider.Decide(member, command, time.GetUtcNow()),
            response, cancellationToken);
    }
}
