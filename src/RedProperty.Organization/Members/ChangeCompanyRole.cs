namespace RedProperty.Organization.Members;

/// <summary>The member's role in the company changed on <paramref name="On"/> (e.g. appointed general manager).</summary>
public sealed record ChangeCompanyRole(CompanyRole? Role, string Position, DateOnly On);

public sealed class ChangeCompanyRoleValidator : AbstractValidator<ChangeCompanyRole>
{
    public ChangeCompanyRoleValidator()
    {
        RuleFor(c => c.Role).NotNull().IsInEnum();
        RuleFor(c => c.Position).NotEmpty().MaximumLength(50);
        RuleFor(c => c.On).NotEmpty();
    }
}

public static class ChangeCompanyRoleDecider
{
    public static IReadOnlyList<object> Decide(PartyMember member, ChangeCompanyRole command, DateTimeOffset now)
    {
        if (member.HasLeft)
        {
            throw new DomainException("The member has left the company.");
        }

        return [new MemberCompanyRoleChanged(member.Id, member.CompanyId, command.Role!.Value, command.Position.Trim(),
            DistrictCalendar.FactDay(command.On, now, "change of role"), now)];
    }
}

public static class ChangeCompanyRoleEndpoint
{
    public static Task<Ok<MemberDetails>> Handle(
        Guid id, ChangeCompanyRole command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PartyMember, MemberDetails>(
            id, expected, member => ChangeCompanyRoleDecider.Decide(member, command, time.GetUtcNow()),
            response, cancellationToken);
}
