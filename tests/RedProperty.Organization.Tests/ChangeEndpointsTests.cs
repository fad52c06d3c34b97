using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RedProperty.Organization.Tests;

/// <summary>Every change endpoint: 412 for a stale ETag, 428 without one, 400 naming the field for a bad body.</summary>
public sealed class ChangeEndpointsTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    private sealed record Target(string Method, string Path, string ValidBody, string InvalidBody, string Field);

    private async Task<Target> Prepare(string endpoint)
    {
        var company = await _org.Company();
        switch (endpoint)
        {
            case "company":
                return new("PUT", $"/api/organization/companies/{company}", """{"name":"新名物业","address":"麦积区"}""", """{"name":"","address":"麦积区"}""", "name");
            case "estates":
                var estate = await _org.Serve(company, "锦绣花园", "渭滨社区", 10);
                return new("POST", $"/api/organization/estates/{estate}/service-contracts/end", $$"""{"companyId":"{{company}}","on":"2022-06-30"}""",
                    """{"companyId":"00000000-0000-0000-0000-000000000000","on":"2022-06-30"}""", "companyId");
            case "structure":
                return new("PUT", $"/api/organization/companies/{company}/structure", """{"employees":12,"departments":[{"name":"工程部","leader":"赵工","position":"部长"}]}""",
                    """{"employees":0,"departments":[{"name":"工程部","leader":"赵工","position":"部长"}]}""", "employees");
            case "surveys":
                return new("POST", $"/api/organization/companies/{company}/surveys", """{"on":"2022-03-15","surveyor":"张强","together":"道北街道","partyMembersFound":1,"organizationExists":false}""",
                    """{"on":"2022-03-15","together":"道北街道","partyMembersFound":1,"organizationExists":false}""", "surveyor");
        }

        var member = await _org.Member(company);
        switch (endpoint)
        {
            case "transfers":
                return new("POST", $"/api/organization/members/{member}/relation-transfers", """{"direction":"in","on":"2022-01-01","counterpart":"秦州区党支部"}""",
                    """{"direction":"in","on":"2022-01-01","counterpart":""}""", "counterpart");
            case "departure":
                return new("POST", $"/api/organization/members/{member}/departure", """{"reason":"调离"}""", """{"reason":""}""", "reason");
            case "pledges":
                return new("POST", $"/api/organization/members/{member}/pledges", """{"identity":"党员","standards":"标准","commitments":"承诺","publishedOn":"2022-07-01"}""",
                    """{"standards":"标准","commitments":"承诺","publishedOn":"2022-07-01"}""", "identity");
            case "development":
                var applicant = await _org.Member(company, via: "developed", stage: "applicant", admittedOn: null);
                return new("POST", $"/api/organization/members/{applicant}/development-stages", """{"stage":"activist","on":"2022-01-01"}""", """{"stage":"applicant","on":"2022-01-01"}""", "stage");
            case "establishment":
                await _org.Member(company, "第二党员");
                await _org.Member(company, "第三党员");
                var branch = await _org.Branch("standalone", company);
                return new("POST", $"/api/organization/branches/{branch}/establishment", $$"""{"approvedOn":"2022-05-20","secretaryMemberId":"{{member}}"}""",
                    """{"approvedOn":"2022-05-20"}""", "secretaryMemberId");
            case "status":
                var planned = await _org.Branch("standalone", company);
                return new("POST", $"/api/organization/branches/{planned}/status-changes", """{"step":"startForming"}""", """{"step":"dissolve"}""", "reason");
        }

        var instructor = await _org.Create("/api/organization/instructors", new { name = "马指导员", source = "selectedByCommunity", appointedOn = "2022-03-01" });
        return endpoint switch
        {
            "assignments" => new("POST", $"/api/organization/instructors/{instructor}/assignments", $$"""{"companyId":"{{company}}","from":"2022-03-01"}""",
                """{"from":"2022-03-01"}""", "companyId"),
            _ => throw new ArgumentException(endpoint),
        };
    }

    private async Task<HttpResponseMessage> Send(Target target, string body, string? etag)
    {
        using var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await _org.Http.SendAsync(request);
    }

    public static TheoryData<string> Endpoints =>
        ["company", "estates", "structure", "surveys", "transfers", "departure", "pledges", "development", "establishment", "status", "assignments"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_stale_etag_is_412_and_a_missing_one_428(string endpoint)
    {
        var target = await Prepare(endpoint);
        var current = (await _org.Http.GetAsync(target.Path.Split('/')[..5].Aggregate((a, b) => $"{a}/{b}"))).Headers.ETag!.Tag;
        var stale = $"\"{long.Parse(current.Trim('"')) + 5}\"";

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Send(target, target.ValidBody, stale)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await Send(target, target.ValidBody, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(target, target.ValidBody, current)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_bad_body_is_400_naming_the_field(string endpoint)
    {
        var target = await Prepare(endpoint);

        var response = await Send(target, target.InvalidBody, "\"1\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(target.Field, out _), $"expected '{target.Field}' in {errors}");
    }
}
