namespace RedProperty.Organization.Members;

/// <summary>Move a member one step along the development pipeline.</summary>
/// <param name="Sponsors">入党介绍人: at least two, required for admission as probationary member.</param>
public sealed record AdvanceDevelopment(MemberStage Stage, DateOnly On, IReadOnlyList<string>? Sponsors);

public sealed class AdvanceDevelopmentValidator : AbstractValidator<AdvanceDevelopment>
{
    public AdvanceDevelopmentValidator()
    {
        RuleFor(a => a.Stage).IsInEnum().NotEqual(MemberStage.Applicant);
        RuleFor(a => a.On).NotEmpty();
        When(a => a.Stage == MemberStage.Probationary, () =>
            RuleFor(a => a.Sponsors).Must(s => s is not null && s.Count(n => !string.IsNullOrWhiteSpace(n)) >= 2)
                .WithMessage("Admission needs at least two sponsors (入党介绍人)."));
    }
}

public static class AdvanceDevelopmentDecider
{
    public static IReadOnlyList<object> Decide(PartyMember member, AdvanceDevelopment command, DateOnly today, DateTimeOffset now)
    {
        if (member.HasLeft)
        {
            throw new DomainException("The member has left the company.");
        }

        if (command.On > today)
        {
            throw new DomainException($"A step on {command.On:yyyy-MM-dd} has not happened yet.");
        }

        if (member.LastStepOn is { } last && command.On < last)
        {
            throw new DomainException($"A step cannot precede the previous one ({last:yyyy-MM-dd}).");
        }

        if (member.Stage == MemberStage.Full)
        {
            throw new DomainException("The member is already a full member.");
        }

        var next = member.Stage + 1;
        if (command.Stage != next)
        {
            throw new DomainException($"A member at stage {member.Stage} can only move to {next}, not {command.Stage}.");
        }

        if (command.Stage == MemberStage.Full && command.On < member.AdmittedOn!.Value.AddYears(1))
        {
            throw new DomainException(
                $"Probation ends no earlier than one year after admission ({member.AdmittedOn:yyyy-MM-dd}): {member.AdmittedOn.Value.AddYears(1):yyyy-MM-dd} at the earliest.");
        }

        var sponsors = command.Sponsors?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList() ?? [];
        return [new DevelopmentStageReached(member.Id, command.Stage, command.On, sponsors, now)];
    }
}

public static class AdvanceDevelopmentEndpoint
{
    public static Task<Ok<MemberDetails>> Handle(
        Guid id, AdvanceDevelopment command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PartyMember, MemberDetails>(
            id, expected, member => AdvanceDevelopmentDecider.Decide(member, command, DistrictCalendar.Today(time.GetUtcNow()), time.GetUtcNow()),
            response, cancellationToken);
}
