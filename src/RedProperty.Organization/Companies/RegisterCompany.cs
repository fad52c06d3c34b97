namespace RedProperty.Organization.Companies;

/// <summary>Enter a property-service company in the district registry (carpet survey, 地毯式摸排).</summary>
/// <param name="Name">Registered name, e.g. 天水市麦积区红苑物业服务有限公司.</param>
/// <param name="CreditCode">Unified social credit code, 18 characters (GB 32100-2015).</param>
/// <param name="Address">Registered address, e.g. 甘肃省天水市麦积区道北街道.</param>
/// <param name="RegisteredOn">The day the company entered the registry, e.g. found by the survey (default today).</param>
public sealed record RegisterCompany(string Name, string CreditCode, string Address, DateOnly? RegisteredOn = null);

/// <summary>One company per credit code: this document's id is the code, so a second insert fails.</summary>
public sealed record CreditCodeRegistration(string Id, Guid CompanyId);

public sealed class RegisterCompanyValidator : AbstractValidator<RegisterCompany>
{
    public RegisterCompanyValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(CompanyRules.MaxNameLength);
        RuleFor(c => c.Address).NotEmpty().MaximumLength(CompanyRules.MaxAddressLength);
        RuleFor(c => c.CreditCode).Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(c => UnifiedSocialCreditCode.Normalize(c).Length == UnifiedSocialCreditCode.Length)
                .WithMessage("A unified social credit code has exactly 18 characters.")
            .Must(c => UnifiedSocialCreditCode.HasValidCharacters(UnifiedSocialCreditCode.Normalize(c)))
                .WithMessage("A unified social credit code uses only digits and the capitals A–Y without I, O, S, V and Z.")
            .Must(c => UnifiedSocialCreditCode.HasValidCheckCharacter(UnifiedSocialCreditCode.Normalize(c)))
                .WithMessage("The check character (the 18th) does not match the first 17 (GB 32100-2015).");
    }
}

public static class CompanyRules
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;
}

public static class RegisterCompanyDecider
{
    public static PropertyCompanyRegistered Decide(Guid companyId, RegisterCompany command, DateTimeOffset now) =>
        new(companyId, command.Name.Trim(), UnifiedSocialCreditCode.Normalize(command.CreditCode), command.Address.Trim(), now)
        {
            RegisteredOn = DistrictCalendar.FactDay(command.RegisteredOn, now, "registration"),
        };
}

public static class RegisterCompanyEndpoint
{
    public static async Task<Created<CompanyDetails>> Handle(
        RegisterCompany command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var registered = RegisterCompanyDecider.Decide(Guid.CreateVersion7(now), command, now);
        return await session.StartReserved<PropertyCompany, CompanyDetails, CreditCodeRegistration>(
            new CreditCodeRegistration(registered.CreditCode, registered.CompanyId),
            e => Task.FromResult<Exception>(new DomainException($"A company with credit code {registered.CreditCode} is already registered.", e)),
            registered.CompanyId, registered, CompanyDetails.Create(registered), $"/api/organization/companies/{registered.CompanyId}", response, cancellationToken);
    }
}
