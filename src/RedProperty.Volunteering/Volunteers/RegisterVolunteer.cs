using RedProperty.Volunteering.Places;

namespace RedProperty.Volunteering.Volunteers;

/// <summary>Register a volunteer; consent to the record is required.</summary>
/// <param name="IdNumber">The resident ID number (18 characters): kept only as a keyed hash and its last four characters.</param>
public sealed record RegisterVolunteer(VolunteerSource Source, string Name, Guid CommunityId, string IdNumber, bool Consent, DateOnly? ConsentedOn = null, string? Phone = null, Guid? PartyMemberId = null);

public sealed class RegisterVolunteerValidator : AbstractValidator<RegisterVolunteer>
{
    public RegisterVolunteerValidator()
    {
        RuleFor(c => c.Source).IsInEnum();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(50);
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.IdNumber).NotEmpty().Matches("^[0-9]{17}[0-9Xx]$").WithMessage("An 18-character resident ID number.");
        RuleFor(c => c.Consent).Equal(true).WithMessage("A volunteer is recorded only with their consent.");
        RuleFor(c => c.Phone).Matches(@"^\+?[0-9][0-9 \-]{4,19}$").WithMessage("A phone number: digits, spaces or dashes, 5 to 20.");
        RuleFor(c => c.PartyMemberId).NotNull().When(c => c.Source == VolunteerSource.PartyMember).WithMessage("A party-member volunteer names the member (Organization's id).");
        RuleFor(c => c.PartyMemberId).Null().When(c => c.Source != VolunteerSource.PartyMember).WithMessage("Only a party-member volunteer names a party member.");
    }
}

public static class RegisterVolunteerEndpoint
{
    public static async Task<Created<VolunteerDetails>> Handle(
        RegisterVolunteer command, HttpContext http, IDocumentSession session, TimeProvider time, PersonKey keys, CancellationToken cancellationToken)
    {
        await KnownPlaces.Community(session, command.CommunityId, "communityId", cancellationToken);
        KnownPlaces.RequireCommunity(http.User, command.CommunityId);
        if (command.PartyMemberId is { } member && await session.LoadAsync<PartyMemberEntry>(member, cancellationToken) is null)
        {
            throw new InvalidFieldException("partyMemberId", $"No party member with id {member} is known.");
        }

        var now = time.GetUtcNow();
        var idNumber = command.IdNumber.Trim().ToUpperInvariant();
        var registered = new VolunteerRegistered(Guid.CreateVersion7(now), command.Source, command.Name.Trim(), command.CommunityId, command.PartyMemberId,
            Text.OrNull(command.Phone), keys.Of(idNumber), idNumber[^4..], DistrictCalendar.FactDay(command.ConsentedOn, now, "consent"), now);
        // Name, phone and the ID number's tail are sealed under the volunteer's own key (PersonalData).
        var sealer = PersonalData.NewSubject(session, registered.VolunteerId, now);
        var recorded = registered with { Name = sealer.Seal(registered.Name)!, Phone = sealer.Seal(registered.Phone), IdNumberTail = sealer.Seal(registered.IdNumberTail)! };
        return await session.StartReserved<Volunteer, VolunteerDetails, VolunteerPerson>(
            new VolunteerPerson(registered.IdNumberKey, registered.VolunteerId),
            async _ =>
            {
                await using var fresh = session.DocumentStore.QuerySession();
                var existing = await fresh.LoadAsync<VolunteerPerson>(registered.IdNumberKey, CancellationToken.None);
                return new AlreadyExistsException("This person is a registered volunteer already.", $"/api/volunteering/volunteers/{existing?.VolunteerId}");
            },
            registered.VolunteerId, recorded, VolunteerDetails.Create(registered), $"/api/volunteering/volunteers/{registered.VolunteerId}", http.Response, cancellationToken);
    }
}
