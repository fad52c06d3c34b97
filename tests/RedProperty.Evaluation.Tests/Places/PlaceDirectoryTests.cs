using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.Evaluation.Places;
using RedProperty.Evaluation.Tests.Companies;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Evaluation.Tests.Places;

/// <summary>The district's geography as Evaluation keeps it from Organization's events, on a real broker.</summary>
public sealed class PlaceDirectoryTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    private readonly ServiceHost<EvaluationService> _evaluation = fixture.Evaluation;

    private Task Publish<T>(T message) where T : class => _evaluation.Services.GetRequiredService<IBus>().Publish(message);

    private Task<EstateDirectoryEntry> Estate(Guid id, Func<EstateDirectoryEntry, bool> until) =>
        Eventually.Get(async () =>
        {
            var response = await _evaluation.CreateClient().GetAsync($"/api/evaluation/estates/{id}");
            return response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<EstateDirectoryEntry>() is { } estate && until(estate)
                ? estate
                : null;
        }, TimeSpan.FromSeconds(30), $"estate {id} in Evaluation");

    [Fact]
    public async Task An_estate_its_community_and_who_serves_it_arrive_even_when_the_contract_overtakes_the_registration()
    {
        var community = new V1.CommunityRegistered(Guid.CreateVersion7(), "北道埠社区", Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var estateId = Guid.CreateVersion7();
        var hongyuan = Guid.CreateVersion7();
        var jinxiu = Guid.CreateVersion7();
        await _evaluation.ConsumersReadyAsync();

        await Publish(new V1.EstateServiceContracted(estateId, hongyuan, new DateOnly(2020, 1, 1), null, DateTimeOffset.UtcNow));
        await Publish(community);
        Assert.Equal(HttpStatusCode.NotFound, (await _evaluation.CreateClient().GetAsync($"/api/evaluation/estates/{estateId}")).StatusCode);
        await Publish(new V1.EstateRegistered(estateId, "锦绣花园", community.CommunityId, 820, DateTimeOffset.UtcNow));
        // Different exchanges, so any order: an end that overtakes the contract it ends is retried until that contract is there.
        await Publish(new V1.EstateServiceContractEnded(estateId, hongyuan, new DateOnly(2022, 6, 30), DateTimeOffset.UtcNow));
        await Publish(new V1.EstateServiceContracted(estateId, jinxiu, new DateOnly(2022, 7, 1), null, DateTimeOffset.UtcNow));
        await Publish(new V1.EstateUpdated(estateId, "锦绣花园", 836, 5, DateTimeOffset.UtcNow));
        await Publish(new V1.EstateUpdated(estateId, "锦绣花园旧名", 700, 4, DateTimeOffset.UtcNow));

        var estate = await Estate(estateId, e => e.Services.Count == 2 && e.Services.All(s => s.CompanyId != hongyuan || s.To is not null) && e.SourceVersion == 5);
        Assert.Equal(836, estate.Households);
        Assert.Equal(community.CommunityId, estate.CommunityId);
        Assert.Equal(hongyuan, estate.CompanyOn(new DateOnly(2022, 6, 30)));
        Assert.Equal(jinxiu, estate.CompanyOn(new DateOnly(2022, 7, 1)));
        var served = await _evaluation.CreateClient().GetFromJsonAsync<CommunityDirectoryEntry>($"/api/evaluation/communities/{community.CommunityId}");
        Assert.Equal("北道埠社区", served!.Name);
    }
}
