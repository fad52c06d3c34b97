using RedProperty.Evaluation.Tests.Complaints;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests;

/// <summary>Bad input generated from Evaluation's OpenAPI document (see <see cref="GeneratedBadInput"/>): Open311 routes answer with Open311's error list.</summary>
public sealed class GeneratedBadInputTests(ComplaintsFixture fixture) : IClassFixture<ComplaintsFixture>
{
    [Fact]
    public async Task Malformed_and_extreme_input_to_every_endpoint_is_never_a_5xx_and_always_an_error_body()
    {
        var admin = fixture.Admin;
        var ids = new Dictionary<string, Guid>
        {
            ["complaints"] = await fixture.File(),
            ["companies"] = fixture.Hongyuan,
            ["estates"] = fixture.JinxiuGarden,
            ["communities"] = fixture.Beidaobu,
            ["projects"] = await admin.Create("/api/evaluation/projects", new { kind = "renovation", title = "老旧小区改造", estateId = fixture.JinxiuGarden, startedOn = "2026-10-01" }),
            ["rectifications"] = await admin.Create("/api/evaluation/rectifications", new { companyId = fixture.Hongyuan, reason = "限期整改" }),
            ["inspections"] = await admin.Create("/api/evaluation/inspections", new { estateId = fixture.JinxiuGarden, on = "2026-11-01", findings = Array.Empty<object>() }),
        };

        await new GeneratedBadInput(admin.Http, ids).AssertNoFailuresAsync();
    }
}
