using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Places;

namespace RedProperty.Consultation.Parties;

/// <summary>Register a party of a community; a property company names its registry id.</summary>
public sealed record RegisterParty(PartyKind Kind, string Name, Guid CommunityId, Guid? CompanyId = null, IReadOnlyList<PartyContact>? Contacts = null);

public sealed class RegisterPartyValidator : AbstractValidator<RegisterParty>
{
    public RegisterPartyValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.CompanyId).NotNull().When(c => c.Kind == PartyKind.PropertyCompany).WithMessage("A property company names its registry id.");
        RuleFor(c => c.CompanyId).Null().When(c => c.Kind != PartyKind.PropertyCompany).WithMessage("Only a property company names a company.");
        RuleFor(c => c.Contacts).Must(c => c is null || c.Count <= 20).WithMessage("At most 20 contacts.");
        RuleForEach(c => c.Contacts).ChildRules(contact =>
        {
            contact.RuleFor(x => x.Name).NotEmpty().MaximumLength(50);
            contact.RuleFor(x => x.Role).NotEmpty().MaximumLength(50);
            contact.RuleFor(x => x.Phone).Matches(@"^\+?[0-9][0-9 \-]{4,19}$").WithMessage("A phone number: digits, spaces or dashes, 5 to 20.");
        });
    }
}

public static class RegisterPartyEndpoint
{
    public static async Task<Created<PartyDetails>> Handle(
        RegisterParty command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<CommunityEntry>(command.CommunityId, cancellationToken) is null)
        {
            throw new InvalidFieldException("communityId", $"No community with id {command.CommunityId} is registered.");
        }

        if (command.CompanyId is { } company && await session.LoadAsync<CompanyEntry>(company, cancellationToken) is null)
        {
            throw new InvalidFieldException("companyId", $"No company with id {company} is registered.");
        }

        CommunityScope.Require(http, command.CommunityId);
        var now = time.GetUtcNow();
        var registered = new PartyRegistered(Guid.CreateVersion7(now), command.Kind, command.Name.Trim(), command.CommunityId, command.CompanyId,
            [.. (command.Contacts ?? []).Select(c => new PartyContact(c.Name.Trim(), c.Role.Trim(), Text.OrNull(c.Phone)))], now);
        // Contacts are people: their names and phones are sealed under the party's key (PersonalData).
        var sealer = PersonalData.NewSubject(session, registered.PartyId, now);
        var recorded = registered with { Contacts = [.. registered.Contacts.Select(c => c with { Name = sealer.Seal(c.Name)!, Phone = sealer.Seal(c.Phone) })] };
        return await session.Start<MeetingParty, PartyDetails>(
            registered.PartyId, recorded, PartyDetails.Create(registered), $"/api/consultation/parties/{registered.PartyId}", http.Response, cancellationToken);
    }
}
