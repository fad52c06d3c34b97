namespace RedProperty.Organization.Companies;

/// <summary>Ledger 1: employees and departments with their leaders and positions.</summary>
public sealed record RecordStructure(int Employees, IReadOnlyList<Department> Departments);

public sealed class RecordStructureValidator : AbstractValidator<RecordStructure>
{
    public RecordStructureValidator()
    {
        RuleFor(r => r.Employees).InclusiveBetween(1, 100_000);
        RuleFor(r => r.Departments).NotEmpty();
        RuleForEach(r => r.Departments).ChildRules(department =>
        {
            department.RuleFor(d => d.Name).NotEmpty().MaximumLength(50);
            department.RuleFor(d => d.Leader).NotEmpty().MaximumLength(50);
            department.RuleFor(d => d.Position).NotEmpty().MaximumLength(50);
        });
    }
}

public static class RecordStructureDecider
{
    public static IReadOnlyList<object> Decide(PropertyCompany company, RecordStructure command, DateTimeOffset now) =>
        [new CompanyStructureRecorded(company.Id, command.Employees,
            [.. command.Departments.Select(d => new Department(d.Name.Trim(), d.Leader.Trim(), d.Position.Trim()))], now)];
}

public static class RecordStructureEndpoint
{
    public static Task<Ok<CompanyDetails>> Handle(
        Guid id, RecordStructure command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PropertyCompany, CompanyDetails>(
            id, expected, company => RecordStructureDecider.Decide(company, command, time.GetUtcNow()), response, cancellationToken);
}
