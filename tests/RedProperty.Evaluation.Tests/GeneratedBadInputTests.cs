using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.Evaluation.Tests.Complaints;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests;

/// <summary>Bad input generated from Evaluation's OpenAPI document (see <see cref="GeneratedBadInput"/>): Open311 routes answer with Open311's error list.</summary>
public sealed class GeneratedBadInputTests(ComplaintsFixture fixture) : IClassFixture<ComplaintsFixture>
{
    [Fact]
    public async Task Malformed_and_extreme_input_to_every_endpoint_is_never_a_5xx_and_always_an_error_body() =>
        await new GeneratedBadInput(fixture.Admin.Http, await Ids()).AssertNoFailuresAsync();

    [Fact]
    public async Task Personal_data_typed_into_any_text_field_of_any_command_never_reaches_the_public_exchange() =>
        await PublicFeedCheck.NoPersonalDataReachesThePublicExchangeAsync(
            fixture.System.Broker.ConnectionUri, fixture.Host.Services.GetRequiredService<IDocumentStore>(), new GeneratedBadInput(fixture.Admin.Http, await Ids()));

    private async Task<Dictionary<string, Guid>> Ids()
    {
        var admin = fixture.Admin;
        return new Dictionary<string, Guid>
        {
            ["complaints"] = await fixture.File(),
            ["companies"] = fixture.Hongyuan,
            ["estates"] = fixture.JinxiuGarden,
            ["communities"] = fixture.Beidaobu,
            ["projects"] = await admin.Create("/api/evaluation/projects", new { kind = "renovation", title = "老旧小区改造", estateId = fixture.JinxiuGarden, startedOn = "2026-10-01" }),
            ["rectifications"] = await admin.Create("/api/evaluation/rectifications", new { companyId = fixture.Hongyuan, reason = "限期整改" }),
            ["inspections"] = await admin.Create("/api/evaluation/inspections", new { estateId = fixture.JinxiuGarden, on = "2026-11-01", findings = Array.Empty<object>() }),
        };
    }
}
