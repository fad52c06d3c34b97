using Marten.Events.Aggregation;

namespace RedProperty.Organization.Geography;

// The district's geography (麦积区): sub-districts and towns (街道/镇), communities (社区) and
// estates (小区), and which company serves which estate over which period. Owned here and
// published, so every service means the same community by the same id.

public enum SubDistrictKind
{
    /// <summary>街道</summary>
    SubDistrict,

    /// <summary>镇</summary>
    Town,
}

public sealed record SubDistrictRegistered(Guid SubDistrictId, string Name, SubDistrictKind Kind, DateTimeOffset RegisteredAt);

public sealed record CommunityRegistered(Guid CommunityId, string Name, Guid SubDistrictId, DateTimeOffset RegisteredAt);

public sealed record EstateRegistered(Guid EstateId, string Name, Guid CommunityId, int Households, string? Address, DateTimeOffset RegisteredAt);

public sealed record EstateDetailsUpdated(Guid EstateId, string Name, int Households, string? Address, DateTimeOffset UpdatedAt);

/// <summary>A property-service contract: <paramref name="CompanyId"/> serves the estate from <paramref name="From"/> to <paramref name="To"/> (inclusive; open when null).</summary>
public sealed record EstateServiceContracted(Guid EstateId, Guid CompanyId, DateOnly From, DateOnly? To, DateTimeOffset RecordedAt);

/// <summary>The contract of <paramref name="CompanyId"/> ends on <paramref name="On"/> (its last day of service).</summary>
public sealed record EstateServiceContractEnded(Guid EstateId, Guid CompanyId, DateOnly On, DateTimeOffset RecordedAt);

/// <summary>One company's service of an estate, from and to (inclusive) the district's days.</summary>
public sealed record ServiceContract(Guid CompanyId, DateOnly From, DateOnly? To)
{
    public bool Covers(DateOnly day) => DistrictCalendar.Covers(From, To, day);

    public bool Overlaps(DateOnly from, DateOnly? to) => From <= (to ?? DateOnly.MaxValue) && from <= (To ?? DateOnly.MaxValue);
}

/// <summary>What the estate's deciders need.</summary>
public sealed record Estate(Guid Id, Guid CommunityId, string Name, int Households, string? Address, IReadOnlyList<ServiceContract> Contracts)
{
    public static Estate Create(EstateRegistered e) => new(e.EstateId, e.CommunityId, e.Name, e.Households, e.Address, []);

    public Estate Apply(EstateDetailsUpdated e) => this with { Name = e.Name, Households = e.Households, Address = e.Address };

    public Estate Apply(EstateServiceContracted e) => this with { Contracts = Contracted(Contracts, e) };

    public Estate Apply(EstateServiceContractEnded e) => this with { Contracts = Ended(Contracts, e) };

    internal static IReadOnlyList<ServiceContract> Contracted(IReadOnlyList<ServiceContract> contracts, EstateServiceContracted e) =>
        [.. contracts, new ServiceContract(e.CompanyId, e.From, e.To)];

    internal static IReadOnlyList<ServiceContract> Ended(IReadOnlyList<ServiceContract> contracts, EstateServiceContractEnded e) =>
        [.. contracts.Select(c => c.CompanyId == e.CompanyId && c.Covers(e.On) ? c with { To = e.On } : c)];
}

public sealed record SubDistrictDetails(Guid Id, string Name, SubDistrictKind Kind, DateTimeOffset RegisteredAt) : IVersioned
{
    public long Version { get; set; }
}

public sealed record CommunityDetails(Guid Id, string Name, Guid SubDistrictId, DateTimeOffset RegisteredAt) : IVersioned
{
    public long Version { get; set; }
}

/// <summary>An estate with its households and every service contract it has had.</summary>
public sealed record EstateDetails(
    Guid Id, string Name, Guid CommunityId, int Households, string? Address, IReadOnlyList<ServiceContract> Contracts,
    DateTimeOffset RegisteredAt, DateTimeOffset? UpdatedAt) : IVersioned
{
    public long Version { get; set; }

    /// <summary>The company serving the estate on <paramref name="day"/>, if any.</summary>
    public Guid? CompanyOn(DateOnly day) => Contracts.FirstOrDefault(c => c.Covers(day))?.CompanyId;
}

public sealed class SubDistrictDetailsProjection : SingleStreamProjection<SubDistrictDetails, Guid>
{
    public static SubDistrictDetails Create(SubDistrictRegistered e) => new(e.SubDistrictId, e.Name, e.Kind, e.RegisteredAt) { Version = 1 };
}

public sealed class CommunityDetailsProjection : SingleStreamProjection<CommunityDetails, Guid>
{
    public static CommunityDetails Create(CommunityRegistered e) => new(e.CommunityId, e.Name, e.SubDistrictId, e.RegisteredAt) { Version = 1 };
}

public sealed class EstateDetailsProjection : SingleStreamProjection<EstateDetails, Guid>
{
    public static EstateDetails Create(EstateRegistered e) => new(e.EstateId, e.Name, e.CommunityId, e.Households, e.Address, [], e.RegisteredAt, null) { Version = 1 };

    public static EstateDetails Apply(EstateDetailsUpdated e, EstateDetails current) =>
        current with { Name = e.Name, Households = e.Households, Address = e.Address, UpdatedAt = e.UpdatedAt };

    public static EstateDetails Apply(EstateServiceContracted e, EstateDetails current) =>
        current with { Contracts = Estate.Contracted(current.Contracts, e), UpdatedAt = e.RecordedAt };

    public static EstateDetails Apply(EstateServiceContractEnded e, EstateDetails current) =>
        current with { Contracts = Estate.Ended(current.Contracts, e), UpdatedAt = e.RecordedAt };
}

/// <summary>
/// One name per place: a sub-district's name in the district, a community's in its sub-district,
/// an estate's in its community. The document's id is the scoped name, so a second insert fails.
/// </summary>
public sealed record PlaceName(string Id, Guid PlaceId)
{
    public static string Of(string kind, Guid? parent, string name) => $"{kind}:{parent}:{name}";
}

public static class Places
{
    /// <summary>Starts a place's stream with its name reserved; a name taken in the same scope is 409.</summary>
    public static Task<Created<TView>> Register<TState, TView>(
        this IDocumentSession session, string kind, Guid? parent, string name, Guid id, object registered, TView view, string location,
        HttpResponse response, CancellationToken cancellationToken) where TState : class =>
        session.StartReserved<TState, TView, PlaceName>(
            new PlaceName(PlaceName.Of(kind, parent, name), id),
            e => Task.FromResult<Exception>(new DomainException($"A {kind} named {name} is already registered there.", e)),
            id, registered, view, location, response, cancellationToken);

    /// <summary>400 naming <paramref name="field"/> when a request refers to a place that is not registered.</summary>
    public static async Task Require<TView>(IQuerySession session, string field, Guid id, CancellationToken cancellationToken) where TView : class
    {
        if (await session.LoadAsync<TView>(id, cancellationToken) is null)
        {
            throw new InvalidFieldException(field, $"Nothing with id {id} is registered.");
        }
    }
}
