using RedProperty.Organization.Companies;

namespace RedProperty.Organization.Members;

/// <summary>
/// Enter a party member of a property company in ledger 4. A hired or transferred-in member is
/// already probationary or full (with the date of admission); a developed one starts as an applicant.
/// </summary>
/// <param name="NationalId">The person's resident ID number: matched, never kept (see <see cref="PersonKeys"/>).</param>
/// <param name="CompanyRole">legalRepresentative | generalManager | deputyGeneralManager | departmentHead | staff.</param>
/// <param name="JoinedOn">The day the member joined the company (default today); admittedOn is the day of party admission.</param>
public sealed record RegisterMember(
    Guid CompanyId, string Name, string Position, JoinedVia Via, MemberStage Stage, DateOnly? AdmittedOn, string NationalId, CompanyRole? CompanyRole,
    DateOnly? JoinedOn = null);

public sealed class RegisterMemberValidator : AbstractValidator<RegisterMember>
{
    public RegisterMemberValidator()
    {
        RuleFor(m => m.CompanyId).NotEmpty();
        RuleFor(m => m.Name).NotEmpty().MaximumLength(50);
        RuleFor(m => m.Position).NotEmpty().MaximumLength(50);
        RuleFor(m => m.Via).IsInEnum();
        RuleFor(m => m.Stage).IsInEnum();
        RuleFor(m => m.NationalId).NotEmpty().Must(ResidentIds.IsValid)
            .WithMessage("A resident ID number has 18 characters: 17 digits with a birth date at the 7th–14th, and the check character (GB 11643-1999).");
        RuleFor(m => m.CompanyRole).NotNull().IsInEnum();
        When(m => m.Via == JoinedVia.Developed, () =>
        {
            RuleFor(m => m.Stage).Equal(MemberStage.Applicant).WithMessage("A member developed here starts as an applicant.");
            RuleFor(m => m.AdmittedOn).Null().WithMessage("An applicant has not been admitted yet.");
        }).Otherwise(() =>
        {
            RuleFor(m => m.Stage).Must(s => s is MemberStage.Probationary or MemberStage.Full)
                .WithMessage("A hired or transferred-in member is probationary or full.");
            RuleFor(m => m.AdmittedOn).Must(d => d is { } date && date != default).WithMessage("The date of admission to the party is required.");
        });
    }
}

public static class RegisterMemberDecider
{
    public static PartyMemberRegistered Decide(Guid memberId, RegisterMember command, string personKey, DateOnly today, DateTimeOffset now)
    {
        if (command.AdmittedOn > today)
        {
            throw new DomainException($"An admission on {command.AdmittedOn:yyyy-MM-dd} has not happened yet.");
        }

        if (command.Stage == MemberStage.Full && command.AdmittedOn > today.AddYears(-1))
        {
            throw new DomainException("A full member was admitted at least a year ago; register a more recent admission as probationary.");
        }

        return new(memberId, command.CompanyId, command.Name.Trim(), command.Position.Trim(), command.Via, command.Stage,
            command.AdmittedOn, RelationTransferredIn: command.Via == JoinedVia.RelationTransferredIn, now)
        {
            CompanyRole = command.CompanyRole ?? CompanyRole.Staff,
            PersonKey = personKey,
            JoinedOn = DistrictCalendar.FactDay(command.JoinedOn, now, "joining"),
        };
    }
}

public static class RegisterMemberEndpoint
{
    public static async Task<Created<MemberDetails>> Handle(
        RegisterMember command, IDocumentSession session, PersonKeys persons, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        await RegisteredCompanies.Require(session, "companyId", [command.CompanyId], cancellationToken);

        var now = time.GetUtcNow();
        var key = persons.Of(command.NationalId);
        var registered = RegisterMemberDecider.Decide(Guid.CreateVersion7(now), command, key, DistrictCalendar.Today(now), now);
        // The event keeps the name sealed under the member's own key, so erasing the key erases it (PersonalData).
        var recorded = registered with { Name = PersonalData.NewSubject(session, registered.MemberId, now).Seal(registered.Name)! };
        // A person already in the ledger is moved between companies (company-transfers), not registered twice.
        return await session.StartReserved<PartyMember, MemberDetails, PersonRegistration>(
            new PersonRegistration(key, registered.MemberId), async _ =>
            {
                await using var fresh = session.DocumentStore.QuerySession();
                var existing = (await fresh.LoadAsync<PersonRegistration>(key, CancellationToken.None))!.MemberId;
                return new AlreadyExistsException(
                    "This person is already in the ledger: move them to the new company with POST /api/organization/members/{id}/company-transfers.",
                    $"/api/organization/members/{existing}");
            },
            registered.MemberId, recorded, MemberDetails.Create(registered), $"/api/organization/members/{registered.MemberId}", response, cancellationToken);
    }
}
