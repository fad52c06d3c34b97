namespace RedProperty.Organization.Companies;

/// <summary>The estates the company manages, with their community and the households served.</summary>
public sealed record RecordEstates(IReadOnlyList<Estate> Estates);

public sealed class RecordEstatesValidator : AbstractValidator<RecordEstates>
{
    public RecordEstatesValidator()
    {
        RuleFor(r => r.Estates).NotNull()
            .Must(e => e.Select(x => x?.Name?.Trim()).Distinct().Count() == e.Count).WithMessage("An estate is listed twice.");
        RuleForEach(r => r.Estates).ChildRules(estate =>
        {
            estate.RuleFor(e => e.Name).NotEmpty().MaximumLength(100);
            estate.RuleFor(e => e.Community).NotEmpty().MaximumLength(100);
            // The largest estates in Tianshui hold a few thousand households; the bound keeps every sum in range.
            estate.RuleFor(e => e.Households).InclusiveBetween(0, 100_000);
        });
    }
}

public static class RecordEstatesDecider
{
    public static IReadOnlyList<object> Decide(PropertyCompany company, RecordEstates command, DateTimeOffset now)
    {
        var estates = command.Estates.Select(e => new Estate(e.Name.Trim(), e.Community.Trim(), e.Households)).ToList();
        return estates.SequenceEqual(company.Estates) ? [] : [new CompanyEstatesRecorded(company.Id, estates, now)];
    }
}

public static class RecordEstatesEndpoint
{
    public static Task<Ok<CompanyDetails>> Handle(
        Guid id, RecordEstates command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PropertyCompany, CompanyDetails>(
            id, expected, company => RecordEstatesDecider.Decide(company, command, time.GetUtcNow()), response, cancellationToken);
}
