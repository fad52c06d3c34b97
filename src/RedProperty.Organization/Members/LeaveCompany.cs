namespace RedProperty.Organization.Members;

/// <summary>A member leaves the property company; the ledger keeps them, marked as gone.</summary>
/// <param name="LeftOn">The member's last day with the company (default today).</param>
public sealed record LeaveCompany(string Reason, DateOnly? LeftOn = null);

public sealed class LeaveCompanyValidator : AbstractValidator<LeaveCompany>
{
    public LeaveCompanyValidator() => RuleFor(l => l.Reason).NotEmpty().MaximumLength(200);
}

public static class LeaveCompanyDecider
{
    public static IReadOnlyList<object> Decide(PartyMember member, LeaveCompany command, DateTimeOffset now) =>
        member.HasLeft
            ? throw new DomainException("The member has already left the company.")
            : [new PartyMemberLeftCompany(member.Id, member.CompanyId, command.Reason.Trim(), now)
            {
                LeftOn = DistrictCalendar.FactDay(command.LeftOn, now, "departure"),
            }];
}

public static class LeaveCompanyEndpoint
{
    public static Task<Ok<MemberDetails>> Handle(
        Guid id, LeaveCompany command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PartyMember, MemberDetails>(
            id, expected, member => LeaveCompanyDecider.Decide(member, command, time.GetUtcNow()), response, cancellationToken);
}
