using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RedProperty.Organization.Tests;

/// <summary>Missing or malformed fields are a 400 naming the field, never a 500.</summary>
public sealed class BadInputTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    private static async Task AssertNames(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected '{field}' in {errors}");
    }

    private Task<HttpResponseMessage> Send(string method, string path, string json, long? ifMatch = 1)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        return _org.Http.SendAsync(request);
    }

    [Fact]
    public async Task Admission_without_sponsors_at_all_names_sponsors()
    {
        var member = await _org.Member(await _org.Company(), via: "developed", stage: "applicant", admittedOn: null);
        await AssertNames(await Send("POST", $"/api/organization/members/{member}/development-stages", """{"stage":"probationary","on":"2022-01-01"}"""), "sponsors");
    }

    [Fact]
    public async Task A_step_without_a_date_names_on()
    {
        var member = await _org.Member(await _org.Company(), via: "developed", stage: "applicant", admittedOn: null);
        await AssertNames(await Send("POST", $"/api/organization/members/{member}/development-stages", """{"stage":"activist"}"""), "on");
    }

    [Fact]
    public async Task A_branch_without_companies_names_companyIds() =>
        await AssertNames(await Send("POST", "/api/organization/branches", """{"name":"红苑党支部","kind":"joint"}""", null), "companyIds");

    [Fact]
    public async Task A_branch_for_the_empty_id_names_it() =>
        await AssertNames(await Send("POST", "/api/organization/branches",
            """{"name":"红苑党支部","kind":"standalone","companyIds":["00000000-0000-0000-0000-000000000000"]}""", null), "companyIds[0]");

    [Fact]
    public async Task An_estate_without_a_name_names_it() =>
        await AssertNames(await Send("POST", "/api/organization/estates", $$"""{"communityId":"{{Guid.CreateVersion7()}}","households":10}""", null), "name");

    [Fact]
    public async Task An_unknown_secretary_names_secretaryMemberId()
    {
        var branch = await _org.Branch("standalone", await _org.Company());
        await AssertNames(await Send("POST", $"/api/organization/branches/{branch}/establishment",
            $$"""{"approvedOn":"2022-05-20","secretaryMemberId":"{{Guid.CreateVersion7()}}"}"""), "secretaryMemberId");
    }

    [Fact]
    public async Task An_instant_without_an_offset_names_asOf() =>
        await AssertNames(await _org.Http.GetAsync("/api/organization/summary?asOf=2022-06-30T12:00:00"), "asOf");

    [Fact]
    public async Task An_unencoded_plus_offset_is_still_read() =>
        Assert.Equal(HttpStatusCode.OK, (await _org.Http.GetAsync("/api/organization/summary?asOf=2022-06-30T12:00:00+08:00")).StatusCode);

    [Fact]
    public async Task A_name_that_looks_like_a_formula_is_escaped_in_csv()
    {
        await _org.Member(await _org.Company(), "=SUM(1+2)");

        var csv = await _org.Http.GetStringAsync("/api/organization/ledgers/members?format=csv");

        Assert.DoesNotContain(",=SUM(1+2)", csv);
        Assert.Contains("SUM(1+2)", csv);
    }
}
