using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests;

/// <summary>The Organization API as a test drives it: creates assert 201, changes carry If-Match.</summary>
public sealed class OrganizationClient(HttpClient client)
{
    public HttpClient Http => client;

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

    public async Task<Guid> Create(string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<HttpResponseMessage> Post(string path, object body, long? ifMatch, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        return await client.SendAsync(request);
    }

    /// <summary>A change that must succeed; returns the new version.</summary>
    public async Task<long> Change(string path, object body, long ifMatch, HttpMethod? method = null)
    {
        var response = await Post(path, body, ifMatch, method);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'));
    }

    public async Task<JsonElement> Get(string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
