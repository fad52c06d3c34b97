namespace RedProperty.Organization.Companies;

/// <summary>A carpet-survey visit, made together with the market regulation bureau or a sub-district/town.</summary>
public sealed record RecordSurvey(DateOnly On, string Surveyor, string Together, int PartyMembersFound, bool OrganizationExists, string? Findings);

public sealed class RecordSurveyValidator : AbstractValidator<RecordSurvey>
{
    public RecordSurveyValidator()
    {
        RuleFor(s => s.On).NotEmpty();
        RuleFor(s => s.Surveyor).NotEmpty().MaximumLength(50);
        RuleFor(s => s.Together).NotEmpty().MaximumLength(100);
        RuleFor(s => s.PartyMembersFound).InclusiveBetween(0, 100_000);
        RuleFor(s => s.Findings).MaximumLength(500);
    }
}

public static class RecordSurveyDecider
{
    public static IReadOnlyList<object> Decide(PropertyCompany company, RecordSurvey command, DateOnly today, DateTimeOffset now)
    {
        if (command.On > today)
        {
            throw new DomainException($"A survey on {command.On:yyyy-MM-dd} has not happened yet.");
        }

        if (command.OrganizationExists && command.PartyMembersFound == 0)
        {
            throw new DomainException("A party organisation cannot exist in a company where no party member was found.");
        }

        return [new CompanySurveyed(company.Id, command.On, command.Surveyor.Trim(), command.Together.Trim(), command.PartyMembersFound,
            command.OrganizationExists, command.Findings?.Trim(), now)];
    }
}

public static class RecordSurveyEndpoint
{
    public static Task<Ok<CompanyDetails>> Handle(
        Guid id, RecordSurvey command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return session.Change<PropertyCompany, CompanyDetails>(
            id, expected, company => RecordSurveyDecider.Decide(company, command, DistrictCalendar.Today(now), now), response, cancellationToken);
    }
}
