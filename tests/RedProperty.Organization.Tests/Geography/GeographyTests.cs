using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RedProperty.BuildingBlocks;
using RedProperty.Organization.Geography;

namespace RedProperty.Organization.Tests.Geography;

/// <summary>The district's geography: deciders, and the registry over HTTP.</summary>
public sealed class GeographyTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private static readonly DateTimeOffset Now = new(2022, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Hongyuan = Guid.CreateVersion7();
    private static readonly Guid Jinxiu = Guid.CreateVersion7();
    private readonly OrganizationClient _org = new(api.Client);

    private static Estate Served(params ServiceContract[] contracts) => new(Guid.CreateVersion7(), Guid.CreateVersion7(), "锦绣花园", 820, null, contracts);

    [Fact]
    public void A_contract_that_overlaps_another_is_refused_and_one_after_it_is_not()
    {
        var estate = Served(new ServiceContract(Hongyuan, new DateOnly(2020, 1, 1), new DateOnly(2022, 6, 30)));

        Assert.Throws<DomainException>(() => EstateServiceDecider.Decide(estate, new ContractEstateService(Jinxiu, new DateOnly(2022, 6, 30), null), Now));
        Assert.Throws<DomainException>(() => EstateServiceDecider.Decide(estate, new ContractEstateService(Jinxiu, new DateOnly(2019, 1, 1), new DateOnly(2020, 1, 1)), Now));
        var next = EstateServiceDecider.Decide(estate, new ContractEstateService(Jinxiu, new DateOnly(2022, 7, 1), null), Now);
        Assert.Equal(new DateOnly(2022, 7, 1), next.From);
    }

    [Fact]
    public void An_open_contract_blocks_every_later_one_until_it_is_ended()
    {
        var estate = Served(new ServiceContract(Hongyuan, new DateOnly(2020, 1, 1), null));

        Assert.Throws<DomainException>(() => EstateServiceDecider.Decide(estate, new ContractEstateService(Jinxiu, new DateOnly(2030, 1, 1), null), Now));
        var ended = estate.Apply(EstateServiceDecider.Decide(estate, new EndEstateService(Hongyuan, new DateOnly(2022, 6, 30)), Now));
        Assert.Equal(new DateOnly(2022, 6, 30), ended.Contracts.Single().To);
        Assert.Equal(Jinxiu, EstateServiceDecider.Decide(ended, new ContractEstateService(Jinxiu, new DateOnly(2022, 7, 1), null), Now).CompanyId);
        Assert.Throws<DomainException>(() => EstateServiceDecider.Decide(ended, new EndEstateService(Jinxiu, new DateOnly(2022, 6, 30)), Now));
    }

    [Fact]
    public void Correcting_an_estate_to_what_it_is_changes_nothing()
    {
        var estate = Served();

        Assert.Empty(UpdateEstateDecider.Decide(estate, new UpdateEstate(" 锦绣花园 ", 820, null), Now));
        Assert.Single(UpdateEstateDecider.Decide(estate, new UpdateEstate("锦绣花园", 836, null), Now));
    }

    [Fact]
    public async Task Sub_districts_communities_and_estates_get_ids_names_are_unique_in_their_scope_and_contracts_tell_who_serves()
    {
        var town = await _org.Create("/api/organization/sub-districts", new { name = $"社棠镇{Guid.NewGuid():N}"[..10], kind = "town" });
        var community = await _org.Create("/api/organization/communities", new { name = "社棠社区", subDistrictId = town });
        var again = await _org.Http.PostAsJsonAsync("/api/organization/communities", new { name = "社棠社区", subDistrictId = town });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var estate = await _org.Create("/api/organization/estates", new { name = "社棠花苑", communityId = community, households = 640, address = "甘肃省天水市麦积区社棠镇" });
        var unknownCommunity = await _org.Http.PostAsJsonAsync("/api/organization/estates", new { name = "无名小区", communityId = Guid.CreateVersion7(), households = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, unknownCommunity.StatusCode);
        Assert.True((await unknownCommunity.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("communityId", out _));

        var first = await _org.Company("天水市麦积区社棠物业有限公司");
        var second = await _org.Company("天水市麦积区接管物业有限公司");
        var version = await _org.Change($"/api/organization/estates/{estate}/service-contracts", new { companyId = first, from = "2020-01-01" }, 1);
        var overlap = await _org.Post($"/api/organization/estates/{estate}/service-contracts", new { companyId = second, from = "2022-07-01" }, version);
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        version = await _org.Change($"/api/organization/estates/{estate}/service-contracts/end", new { companyId = first, on = "2022-06-30" }, version);
        await _org.Change($"/api/organization/estates/{estate}/service-contracts", new { companyId = second, from = "2022-07-01" }, version);

        var details = await _org.Get($"/api/organization/estates/{estate}");
        Assert.Equal(640, details.GetProperty("households").GetInt32());
        Assert.Equal(2, details.GetProperty("contracts").GetArrayLength());
        Assert.Equal([estate], (await _org.Get($"/api/organization/estates?companyId={second}")).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal([community], (await _org.Get($"/api/organization/communities?subDistrictId={town}")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        // The structure ledger counts an estate for the company that serves it on the day asked.
        var after = await _org.Get("/api/organization/ledgers/structure?pageSize=500");
        Assert.Equal(640, Row(after, second).GetProperty("households").GetInt64());
        Assert.Equal("社棠社区", Row(after, second).GetProperty("communities").GetString());
        Assert.Equal(0, Row(after, first).GetProperty("estates").GetInt32());
        var byId = await _org.Get($"/api/organization/ledgers/structure?community={community}");
        Assert.Equal([second], byId.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("companyId").GetGuid()));
    }

    private static JsonElement Row(JsonElement page, Guid company) =>
        page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("companyId").GetGuid() == company);
}
