using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Evaluation.Places;

// Evaluation's own copy of the district's geography (owned by Organization): communities and
// estates by the same ids as everywhere, the households of each estate and which company serves it,
// so complaint rates per household and per community mean the same places in every service.

public sealed record CommunityDirectoryEntry(Guid Id, string Name, Guid SubDistrictId);

/// <summary>A company's service of the estate, from and to (inclusive; open when null).</summary>
public sealed record EstateService(Guid CompanyId, DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly day) => DistrictCalendar.Covers(From, To, day);
}

/// <summary>
/// An estate as Evaluation knows it. Messages of one estate may arrive out of order (they travel on
/// different exchanges): a contract that overtakes the registration is kept, and the entry is served
/// once the registration has arrived (<see cref="Registered"/>); an update never steps back.
/// </summary>
public sealed record EstateDirectoryEntry(
    Guid Id, string Name, Guid CommunityId, int Households, IReadOnlyList<EstateService> Services, long SourceVersion, bool Registered = true)
{
    /// <summary>The company serving the estate on <paramref name="day"/>, if any.</summary>
    public Guid? CompanyOn(DateOnly day) => Services.FirstOrDefault(s => s.Covers(day))?.CompanyId;

    /// <summary>Changes the entry, starting from a placeholder (not served) for messages that overtook the registration.</summary>
    public static Task Change(IDocumentSession session, Guid id, Func<EstateDirectoryEntry, EstateDirectoryEntry?> change, CancellationToken cancellationToken) =>
        session.Upsert(id, () => new EstateDirectoryEntry(id, "", Guid.Empty, 0, [], 0, Registered: false), change, cancellationToken);
}

public static class EstateDirectory
{
    /// <summary>The registered estate, or 400 naming <paramref name="field"/>.</summary>
    public static async Task<EstateDirectoryEntry> Require(IQuerySession session, string field, Guid estateId, CancellationToken cancellationToken) =>
        await session.LoadAsync<EstateDirectoryEntry>(estateId, cancellationToken) is { Registered: true } estate
            ? estate
            : throw new InvalidFieldException(field, $"No estate with id {estateId} is registered.");
}

public static class PlaceDirectoryApi
{
    public static IEndpointRouteBuilder MapPlaceDirectoryApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/evaluation").WithTags("Place directory");

        places.MapGet("/estates/{id:guid}", async Task<Results<Ok<EstateDirectoryEntry>, NotFound>> (Guid id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<EstateDirectoryEntry>(id, ct) is { Registered: true } estate ? TypedResults.Ok(estate) : TypedResults.NotFound())
            .ForRoles(Roles.Staff)
            .WithName("GetDirectoryEstate")
            .WithSummary("An estate as Evaluation knows it from Organization's events: households and which company serves it (404 until registered)");

        places.MapGet("/communities/{id:guid}", async Task<Results<Ok<CommunityDirectoryEntry>, NotFound>> (Guid id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<CommunityDirectoryEntry>(id, ct) is { } community ? TypedResults.Ok(community) : TypedResults.NotFound())
            .ForRoles(Roles.Staff)
            .WithName("GetDirectoryCommunity")
            .WithSummary("A community as Evaluation knows it from Organization's events");

        return app;
    }
}
