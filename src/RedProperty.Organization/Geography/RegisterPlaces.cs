namespace RedProperty.Organization.Geography;

/// <param name="Name">e.g. 道北街道 or 社棠镇.</param>
/// <param name="Kind">subDistrict (街道) | town (镇).</param>
public sealed record RegisterSubDistrict(string Name, SubDistrictKind Kind);

/// <param name="Name">e.g. 北道埠社区.</param>
public sealed record RegisterCommunity(string Name, Guid SubDistrictId);

/// <param name="Name">e.g. 锦绣花园.</param>
/// <param name="Households">Households living there (0–100,000).</param>
public sealed record RegisterEstate(string Name, Guid CommunityId, int Households, string? Address);

public static class PlaceRules
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;

    /// <summary>The largest estates in Tianshui hold a few thousand households; the bound keeps every sum in range.</summary>
    public const int MaxHouseholds = 100_000;
}

public sealed class RegisterSubDistrictValidator : AbstractValidator<RegisterSubDistrict>
{
    public RegisterSubDistrictValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(PlaceRules.MaxNameLength);
        RuleFor(c => c.Kind).IsInEnum();
    }
}

public sealed class RegisterCommunityValidator : AbstractValidator<RegisterCommunity>
{
    public RegisterCommunityValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(PlaceRules.MaxNameLength);
        RuleFor(c => c.SubDistrictId).NotEmpty();
    }
}

public sealed class RegisterEstateValidator : AbstractValidator<RegisterEstate>
{
    public RegisterEstateValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(PlaceRules.MaxNameLength);
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.Households).InclusiveBetween(0, PlaceRules.MaxHouseholds);
        RuleFor(c => c.Address).MaximumLength(PlaceRules.MaxAddressLength);
    }
}

public static class RegisterPlacesDecider
{
    public static SubDistrictRegistered Decide(Guid id, RegisterSubDistrict command, DateTimeOffset now) => new(id, command.Name.Trim(), command.Kind, now);

    public static CommunityRegistered Decide(Guid id, RegisterCommunity command, DateTimeOffset now) => new(id, command.Name.Trim(), command.SubDistrictId, now);

    public static EstateRegistered Decide(Guid id, RegisterEstate command, DateTimeOffset now) =>
        new(id, command.Name.Trim(), command.CommunityId, command.Households, Text.OrNull(command.Address), now);
}

public static class RegisterPlacesEndpoints
{
    public static Task<Created<SubDistrictDetails>> SubDistrict(
        RegisterSubDistrict command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var registered = RegisterPlacesDecider.Decide(Guid.CreateVersion7(now), command, now);
        return session.Register<SubDistrictDetails, SubDistrictDetails>("sub-district", null, registered.Name, registered.SubDistrictId, registered,
            SubDistrictDetailsProjection.Create(registered), $"/api/organization/sub-districts/{registered.SubDistrictId}", response, cancellationToken);
    }

    public static async Task<Created<CommunityDetails>> Community(
        RegisterCommunity command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        await Places.Require<SubDistrictDetails>(session, "subDistrictId", command.SubDistrictId, cancellationToken);
        var now = time.GetUtcNow();
        var registered = RegisterPlacesDecider.Decide(Guid.CreateVersion7(now), command, now);
        return await session.Register<CommunityDetails, CommunityDetails>("community", registered.SubDistrictId, registered.Name, registered.CommunityId,
            registered, CommunityDetailsProjection.Create(registered), $"/api/organization/communities/{registered.CommunityId}", response, cancellationToken);
    }

    public static async Task<Created<EstateDetails>> Estate(
        RegisterEstate command, IDocumentSession session, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        await Places.Require<CommunityDetails>(session, "communityId", command.CommunityId, cancellationToken);
        var now = time.GetUtcNow();
        var registered = RegisterPlacesDecider.Decide(Guid.CreateVersion7(now), command, now);
        return await session.Register<Geography.Estate, EstateDetails>("estate", registered.CommunityId, registered.Name, registered.EstateId,
            registered, EstateDetailsProjection.Create(registered), $"/api/organization/estates/{registered.EstateId}", response, cancellationToken);
    }
}
