namespace RedProperty.Organization.Geography;

/// <summary>Correct an estate's name, households or address (its community does not change).</summary>
public sealed record UpdateEstate(string Name, int Households, string? Address);

public sealed class UpdateEstateValidator : AbstractValidator<UpdateEstate>
{
    public UpdateEstateValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(PlaceRules.MaxNameLength);
        RuleFor(c => c.Households).InclusiveBetween(0, PlaceRules.MaxHouseholds);
        RuleFor(c => c.Address).MaximumLength(PlaceRules.MaxAddressLength);
    }
}

public static class UpdateEstateDecider
{
    public static IReadOnlyList<object> Decide(Estate current, UpdateEstate command, DateTimeOffset now)
    {
        var address = Text.OrNull(command.Address);
        var name = command.Name.Trim();
        return current.Name == name && current.Households == command.Households && current.Address == address
            ? []
            : [new EstateDetailsUpdated(current.Id, name, command.Households, address, now)];
    }
}

public static class UpdateEstateEndpoint
{
    public static Task<Ok<EstateDetails>> Handle(
        Guid id, UpdateEstate command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<Estate, EstateDetails>(id, expected, estate => UpdateEstateDecider.Decide(estate, command, time.GetUtcNow()), response, cancellationToken);
}
