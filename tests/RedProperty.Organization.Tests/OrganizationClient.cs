using RedProperty.Testing;

namespace RedProperty.Organization.Tests;

/// <summary>The Organization API as a test drives it: creates assert 201, changes carry If-Match.</summary>
public sealed class OrganizationClient(HttpClient client) : ApiClient(client)
{
    public async Task<Guid> Company(string name = "天水市麦积区红苑物业服务有限公司", string? registeredOn = null) =>
        await Create("/api/organization/companies", new { name, creditCode = CreditCodes.Next(), address = "甘肃省天水市麦积区道北街道", registeredOn });

    public Task<Guid> Member(
        Guid companyId, string name = "李红梅", string via = "hired", string stage = "full", string? admittedOn = "2012-07-01",
        string companyRole = "staff", string? nationalId = null, string? joinedOn = null) =>
        Create("/api/organization/members", new { companyId, name, position = "项目经理", via, stage, admittedOn, companyRole, nationalId = nationalId ?? NationalIds.Next(), joinedOn });

    private readonly Dictionary<string, Guid> _places = [];

    /// <summary>The company serves a new estate in <paramref name="community"/> (registered once, in 道北街道) from <paramref name="from"/>; returns the estate.</summary>
    public async Task<Guid> Serve(Guid companyId, string estate, string community, int households, string from = "2020-01-01", string? to = null)
    {
        if (!_places.TryGetValue("道北街道", out var subDistrict))
        {
            subDistrict = _places["道北街道"] = await Create("/api/organization/sub-districts", new { name = $"道北街道{Guid.NewGuid():N}"[..12], kind = "subDistrict" });
        }

        if (!_places.TryGetValue(community, out var communityId))
        {
            communityId = _places[community] = await Create("/api/organization/communities", new { name = community, subDistrictId = subDistrict });
        }

        var id = await Create("/api/organization/estates", new { name = $"{estate}{Guid.NewGuid():N}"[..(estate.Length + 6)], communityId, households });
        await Change($"/api/organization/estates/{id}/service-contracts", new { companyId, from, to }, 1);
        return id;
    }

    public Task<Guid> Branch(string kind, params Guid[] companyIds) =>
        Create("/api/organization/branches", new { name = "麦积区物业党支部", kind, companyIds, plannedOn = "2022-01-10" });
}
