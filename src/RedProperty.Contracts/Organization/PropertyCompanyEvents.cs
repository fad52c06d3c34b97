using MassTransit;

namespace RedProperty.Contracts.Organization.V1;

/// <summary>
/// A property-service company (物业服务企业) entered the district registry.
/// Published to the fanout exchange named <see cref="MessageName"/>.
/// </summary>
/// <param name="CompanyId">Stable id of the company in every RedProperty service.</param>
/// <param name="Name">Registered name, e.g. 天水市麦积区某某物业服务有限公司.</param>
/// <param name="CreditCode">18-character unified social credit code (GB 32100-2015).</param>
/// <param name="Address">Registered address.</param>
/// <param name="RegisteredAt">When the registry recorded it.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PropertyCompanyRegistered(Guid CompanyId, string Name, string CreditCode, string Address, DateTimeOffset RegisteredAt)
{
    public const string MessageName = "redproperty.organization.property-company-registered.v1";
}

/// <summary>
/// A registered company's name or address changed; the credit code never changes.
/// Published to the fanout exchange named <see cref="MessageName"/>.
/// </summary>
/// <param name="Version">Version of the company's stream after the change, so consumers can ignore stale updates.</param>
[EntityName(MessageName)]
[MessageUrn(MessageName)]
public sealed record PropertyCompanyUpdated(Guid CompanyId, string Name, string Address, long Version, DateTimeOffset UpdatedAt)
{
    public const string MessageName = "redproperty.organization.property-company-updated.v1";
}
