using MassTransit;

namespace RedProperty.Contracts.Organization.V1;

// The district's geography, owned by Organization: every service learns sub-districts,
// communities and estates, and which company serves which estate, from these events and means
// the same place by the same id.

/// <summary>A sub-district (街道) or town (镇) of the district.</summary>
/// <param name="Kind">subDistrict | town.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record SubDistrictRegistered(Guid SubDistrictId, string Name, string Kind, DateTimeOffset RegisteredAt)
{
    public const string MessageName = "redproperty.organization.sub-district-registered.v1";
}

/// <summary>A community (社区) of a sub-district.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record CommunityRegistered(Guid CommunityId, string Name, Guid SubDistrictId, DateTimeOffset RegisteredAt)
{
    public const string MessageName = "redproperty.organization.community-registered.v1";
}

/// <summary>An estate (小区) of a community, with its households.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record EstateRegistered(Guid EstateId, string Name, Guid CommunityId, int Households, DateTimeOffset RegisteredAt)
{
    public const string MessageName = "redproperty.organization.estate-registered.v1";
}

/// <summary>An estate's name or households were corrected.</summary>
/// <param name="Version">Version of the estate's stream after the change, so consumers can ignore stale updates.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record EstateUpdated(Guid EstateId, string Name, int Households, long Version, DateTimeOffset UpdatedAt)
{
    public const string MessageName = "redproperty.organization.estate-updated.v1";
}

/// <summary>A company serves an estate from <paramref name="From"/> to <paramref name="To"/> (inclusive; open when null).</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record EstateServiceContracted(Guid EstateId, Guid CompanyId, DateOnly From, DateOnly? To, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.organization.estate-service-contracted.v1";
}

/// <summary>A company's service of an estate ends; <paramref name="On"/> is its last day.</summary>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record EstateServiceContractEnded(Guid EstateId, Guid CompanyId, DateOnly On, DateTimeOffset RecordedAt)
{
    public const string MessageName = "redproperty.organization.estate-service-contract-ended.v1";
}
