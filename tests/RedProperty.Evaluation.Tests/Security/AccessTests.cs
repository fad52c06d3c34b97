using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.ApiKeys;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Security;

/// <summary>Who may do what in Evaluation, and complaint clients' API keys.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private static readonly string[] ComplaintReaders = [Roles.CommunityStaff, Roles.CompanyUser, Roles.Inspector, Roles.Auditor, Roles.ComplaintClient];

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["GetDirectoryCompany"] = Roles.Staff,
        ["GetDirectoryEstate"] = Roles.Staff,
        ["GetDirectoryCommunity"] = Roles.Staff,
        ["IssueApiKey"] = [],
        ["ListApiKeys"] = [Roles.Auditor],
        ["RevokeApiKey"] = [],
        ["GetCurrentApiKey"] = [Roles.ComplaintClient],
        ["MoveBackErrors-evaluation"] = [],
        ["GetPersonalDataReads"] = [],
        ["GetAuditTrail"] = [Roles.Auditor],
        ["ReplayIntegrationEvents"] = [],
        ["RepublishUnrouted"] = [],
        ["FileComplaint"] = [Roles.CommunityStaff, Roles.ComplaintClient],
        ["ImportComplaints"] = [Roles.CommunityStaff, Roles.ComplaintClient],
        ["ListHotlineCallbacks"] = [],
        ["RedeliverHotlineCallback"] = [],
        ["ListComplaints"] = ComplaintReaders,
        ["GetComplaint"] = ComplaintReaders,
        ["GetComplainant"] = [Roles.CommunityStaff],
        ["EraseComplainant"] = [],
        ["AcceptComplaint"] = [Roles.CommunityStaff],
        ["RuleOutComplaint"] = [Roles.CommunityStaff],
        ["AssignComplaint"] = [Roles.CommunityStaff],
        ["RespondToComplaint"] = [Roles.CompanyUser],
        ["ResolveComplaint"] = [Roles.CommunityStaff],
        ["ReopenComplaint"] = [Roles.CommunityStaff],
        ["RateSatisfaction"] = [Roles.CommunityStaff, Roles.ComplaintClient],
        ["CloseComplaint"] = [Roles.CommunityStaff],
        ["Open311Services"] = AccessMatrix.Anyone,
        ["Open311ServiceDefinition"] = AccessMatrix.Anyone,
        ["Open311PostRequest"] = [Roles.ComplaintClient, Roles.CommunityStaff],
        ["Open311GetRequests"] = ComplaintReaders,
        ["Open311GetRequest"] = ComplaintReaders,
        ["GetInspectionChecklist"] = Roles.Staff,
        ["RecordInspection"] = [Roles.Inspector],
        ["GetInspection"] = Roles.Staff,
        ["ListInspections"] = Roles.Staff,
        ["OrderRectification"] = [],
        ["ReportRectification"] = [Roles.CompanyUser],
        ["GetRectification"] = Roles.Staff,
        ["ListRectifications"] = Roles.Staff,
        ["RegisterProject"] = [],
        ["CompleteProject"] = [],
        ["GetProject"] = Roles.Staff,
        ["ListProjects"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["GetProjectTotals"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["ClosePeriod"] = [],
        ["GetPeriod"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["GetPeriodNotice"] = AccessMatrix.Anyone,
        ["ListPeriods"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["FileObjection"] = [Roles.CompanyUser],
        ["RuleObjection"] = [],
        ["GetEvaluationSummary"] = [.. Roles.Staff, Roles.IntegrationClient],
    };

    private TestSystem _system = null!;
    private ServiceHost<EvaluationService> _host = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("evaluation-access");
        _host = _system.Start<EvaluationService>();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public Task Every_endpoint_answers_401_without_a_token_403_to_other_roles_and_serves_its_roles() =>
        AccessMatrix.AssertAsync(_host, _system.Identity, Expected);

    [Fact]
    public async Task A_companys_users_do_not_see_another_company_in_the_directory()
    {
        var user = _host.CreateClient().WithToken(await _system.Identity.TokenAsync(Roles.CompanyUser, company: Guid.NewGuid()));
        var response = await user.GetAsync($"/api/evaluation/companies/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_issued_key_signs_a_client_in_until_it_is_revoked_and_only_its_hash_is_kept()
    {
        var admin = _host.CreateClient();
        var issued = await admin.PostAsJsonAsync("/api/evaluation/api-keys", new { client = "麦积区12345政务服务便民热线", rateLimit = 600 });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var key = (await issued.Content.ReadFromJsonAsync<IssuedApiKey>())!;
        var client = _host.CreateClient().WithToken(null);

        var byHeader = new HttpRequestMessage(HttpMethod.Get, "/api/evaluation/api-keys/current");
        byHeader.Headers.Add(ApiKeyAuthentication.HeaderName, key.Key);
        var current = await client.SendAsync(byHeader);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("麦积区12345政务服务便民热线", (await current.Content.ReadFromJsonAsync<ApiKeyInfo>())!.Client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/evaluation/api-keys/current?api_key={Uri.EscapeDataString(key.Key)}")).StatusCode);
        // A key is not a token: it opens only what complaint clients may call.
        var other = new HttpRequestMessage(HttpMethod.Get, "/api/evaluation/api-keys");
        other.Headers.Add(ApiKeyAuthentication.HeaderName, key.Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(other)).StatusCode);

        await using (var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var json = await session.Json.FindByIdAsync<ApiKey>(key.Id);
            Assert.DoesNotContain(key.Key, json);
            Assert.Contains(ApiKey.HashOf(key.Key), json);
        }

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/evaluation/api-keys");
        Assert.DoesNotContain(key.Key, listed.GetRawText());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/evaluation/api-keys/{key.Id}")).StatusCode);
        var revoked = new HttpRequestMessage(HttpMethod.Get, "/api/evaluation/api-keys/current");
        revoked.Headers.Add(ApiKeyAuthentication.HeaderName, key.Key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(revoked)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/evaluation/api-keys/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/evaluation/api-keys", new { client = "", rateLimit = 600 })).StatusCode);

        // Each change is in the audit trail with how it ended, refused ones too; the auditor reads and exports it, reads are not changes.
        var auditor = _host.CreateClient().WithToken(await _system.Identity.TokenAsync(Roles.Auditor));
        var trail = await auditor.GetFromJsonAsync<JsonElement>("/api/evaluation/audit?kind=change&pageSize=500");
        var changes = trail.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("what").GetString() == "api keys")
            .Select(i => (i.GetProperty("request").GetString()!.Split(' ')[0], i.GetProperty("status").GetInt32())).ToList();
        Assert.Equal(new[] { ("POST", 400), ("DELETE", 404), ("DELETE", 204), ("POST", 201) }, changes.Take(4));
        var export = await auditor.GetAsync("/api/evaluation/audit?kind=change&format=csv");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"DELETE /api/evaluation/api-keys/{key.Id}", await export.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.GetAsync("/api/evaluation/audit?kind=everything")).StatusCode);
    }

    [Fact]
    public async Task Two_keys_issued_under_one_name_do_not_see_each_others_complaints()
    {
        var admin = _host.CreateClient();
        async Task<HttpClient> Keyed()
        {
            var issued = (await (await admin.PostAsJsonAsync("/api/evaluation/api-keys", new { client = "居民端小程序", rateLimit = 600 })).Content.ReadFromJsonAsync<IssuedApiKey>())!;
            var client = _host.CreateClient().WithToken(null);
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, issued.Key);
            return client;
        }

        var first = await Keyed();
        var second = await Keyed();
        var filed = await first.PostAsJsonAsync("/api/evaluation/complaints",
            new { serviceCode = "sanitation", description = "5号楼2单元楼道垃圾堆放一周无人清运", address = "甘肃省天水市麦积区桥南街道伯阳路5号" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/api/evaluation/complaints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/api/evaluation/complaints/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await second.GetStringAsync("/api/evaluation/complaints"));
        Assert.Contains(id.ToString(), await first.GetStringAsync("/api/evaluation/complaints"));
    }

    [Fact]
    public async Task Each_key_has_its_own_rate_limit_answered_with_429_and_Retry_After()
    {
        var admin = _host.CreateClient();
        var slow = (await (await admin.PostAsJsonAsync("/api/evaluation/api-keys", new { client = "居民端小程序", rateLimit = 6 })).Content.ReadFromJsonAsync<IssuedApiKey>())!;
        var other = (await (await admin.PostAsJsonAsync("/api/evaluation/api-keys", new { client = "市级平台", rateLimit = 600 })).Content.ReadFromJsonAsync<IssuedApiKey>())!;
        var client = _host.CreateClient().WithToken(null);

        Task<HttpResponseMessage> Current(IssuedApiKey key)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/evaluation/api-keys/current");
            request.Headers.Add(ApiKeyAuthentication.HeaderName, key.Key);
            return client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Current(slow)).StatusCode);
        var refused = await Current(slow);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 10);
        Assert.Equal(HttpStatusCode.OK, (await Current(other)).StatusCode);
    }

    [Fact]
    public async Task In_Development_the_documented_key_is_accepted_and_an_unknown_key_is_not()
    {
        var client = _host.CreateClient().WithToken(null);
        var dev = new HttpRequestMessage(HttpMethod.Get, "/api/evaluation/api-keys/current");
        dev.Headers.Add(ApiKeyAuthentication.HeaderName, ApiKeyAuthentication.DevelopmentKey);
        // Signed in (not 401), but the development key is not an issued one.
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(dev)).StatusCode);

        var unknown = new HttpRequestMessage(HttpMethod.Get, "/api/evaluation/api-keys/current");
        unknown.Headers.Add(ApiKeyAuthentication.HeaderName, "rpk_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(unknown)).StatusCode);
    }

    [Fact]
    public async Task Issuing_a_key_without_a_client_is_400_naming_the_field()
    {
        var response = await _host.CreateClient().PostAsJsonAsync("/api/evaluation/api-keys", new { client = "", rateLimit = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("client", out _));
        Assert.True(errors.TryGetProperty("rateLimit", out _));
    }
}
