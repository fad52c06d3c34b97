using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Organization;
using RedProperty.Testing;

namespace RedProperty.Identity.Tests;

/// <summary>The identity service: systems' client credentials, operators' sign-in with a code and PKCE, and who may manage accounts.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private const string Callback = "http://localhost/callback";
    private TestSystem _system = null!;
    private TestIdentity _identity = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("identity-signin");
        _identity = _system.Identity;
        _admin = _identity.Host.CreateClient().WithToken(_system.AdminToken);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task An_operator_signs_in_with_a_code_and_PKCE_and_the_services_accept_the_token_until_the_operator_is_disabled()
    {
        var console = $"console-{Guid.NewGuid():N}"[..20];
        var user = $"staff-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync($"/api/identity/consoles/{console}",
            new PutConsole("北道埠社区工作台", [new Uri(Callback)]))).StatusCode);
        // The community by id: a name (北道埠社区) may be several communities' in different sub-districts.
        var beidaobu = Guid.CreateVersion7().ToString();
        using var byName = await _admin.PutAsJsonAsync($"/api/identity/operators/{user}",
            new PutOperator("北道埠社区 李干事", "Beidaobu-2022-secure", new AccountScope([Roles.CommunityStaff], Community: "北道埠社区")));
        Assert.Equal(HttpStatusCode.BadRequest, byName.StatusCode);
        Assert.Contains("community", await byName.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync($"/api/identity/operators/{user}",
            new PutOperator("北道埠社区 李干事", "Beidaobu-2022-secure", new AccountScope([Roles.CommunityStaff], Community: beidaobu)))).StatusCode);

        var browser = _identity.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/connect/authorize?response_type=code&client_id={console}&redirect_uri={Uri.EscapeDataString(Callback)}" +
            $"&scope={Uri.EscapeDataString("openid profile roles offline_access redproperty")}&state=s1&code_challenge={challenge}&code_challenge_method=S256";

        var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/account/login", toLogin.Headers.Location!.PathAndQuery);
        var page = await (await browser.GetAsync(toLogin.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("红色物业 登录", page);
        var returnUrl = WebUtility.HtmlDecode(HiddenField().Matches(page).Single(m => m.Groups[1].Value == "returnUrl").Groups[2].Value);
        Assert.Equal(authorize, returnUrl);

        var wrong = await browser.PostAsync("/account/login", LoginForm(page, user, "not-the-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync());

        var signedIn = await browser.PostAsync("/account/login", LoginForm(page, user, "Beidaobu-2022-secure"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var toCallback = await browser.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, toCallback.StatusCode);
        var callback = toCallback.Headers.Location!;
        Assert.StartsWith(Callback, callback.ToString());
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

        var tokens = await Token(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Callback,
            ["client_id"] = console,
            ["code_verifier"] = verifier,
        });
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        var access = tokens.Body.GetProperty("access_token").GetString()!;
        var claims = Payload(access);
        Assert.Equal(user, claims.GetProperty("sub").GetString());
        Assert.Equal("community-staff", claims.GetProperty("role").GetString());
        Assert.Equal(beidaobu, claims.GetProperty("community").GetString());
        Assert.Equal("redproperty", claims.GetProperty("aud").GetString());

        // A service accepts it, with the operator's community as the limit.
        var organization = _system.Start<OrganizationService>().CreateClient().WithToken(access);
        Assert.Equal(HttpStatusCode.OK, (await organization.GetAsync("/api/organization/ledgers/structure")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organization.GetAsync($"/api/organization/ledgers/structure?community={Uri.EscapeDataString("花牛社区")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organization.GetAsync("/api/organization/instructors/compliance?month=2022-06")).StatusCode);

        // A refresh reads the operator again: fine while enabled, refused once disabled.
        var refresh = tokens.Body.GetProperty("refresh_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = console })).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/identity/operators/{user}")).StatusCode);
        var afterDisable = await Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.Body.GetProperty("refresh_token").GetString()!, ["client_id"] = console });
        Assert.Equal(HttpStatusCode.BadRequest, afterDisable.Status);
    }

    [Fact]
    public async Task An_authorization_request_without_a_PKCE_challenge_is_refused()
    {
        var console = $"console-{Guid.NewGuid():N}"[..20];
        await _admin.PutAsJsonAsync($"/api/identity/consoles/{console}", new PutConsole("测试工作台", [new Uri(Callback)]));
        var browser = _identity.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var withoutChallenge = await browser.GetAsync(
            $"/connect/authorize?response_type=code&client_id={console}&redirect_uri={Uri.EscapeDataString(Callback)}&scope=redproperty&state=s2");

        // PKCE is required: refused at once, never sent on to the login page.
        Assert.Equal(HttpStatusCode.BadRequest, withoutChallenge.StatusCode);
        var error = await withoutChallenge.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", error);
        Assert.Contains("code_challenge", error);
    }

    [Fact]
    public async Task A_system_and_an_operator_never_share_a_name_and_a_systems_caller_id_says_it_is_one()
    {
        var person = $"li-ming-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync($"/api/identity/operators/{person}",
            new PutOperator("李明", "麦积区红色物业2026口令", new AccountScope([Roles.Auditor])))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PutAsJsonAsync($"/api/identity/systems/{person}",
            new PutSystem("李明的系统", new AccountScope([Roles.Auditor])))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PutAsJsonAsync($"/api/identity/consoles/{person}",
            new PutConsole("李明的工作台", [new Uri(Callback)]))).StatusCode);

        var system = $"platform-{Guid.NewGuid():N}"[..16];
        var put = await _admin.PutAsJsonAsync($"/api/identity/systems/{system}", new PutSystem("市级平台", new AccountScope([Roles.Auditor])));
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PutAsJsonAsync($"/api/identity/operators/{system}",
            new PutOperator("市级平台", "麦积区红色物业2026口令", new AccountScope([Roles.Auditor])))).StatusCode);

        // Keyed apart from operators wherever the caller's id is the key (idempotency, rate buckets, audit).
        var token = await _identity.ClientCredentialsAsync(system, (await put.Content.ReadFromJsonAsync<SystemCredentials>())!.ClientSecret);
        var claims = Payload(token).EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
            .Select(p => new System.Security.Claims.Claim(p.Name, p.Value.GetString()!));
        Assert.Equal($"system:{system}", Caller.Of(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims, "test"))).Id);
    }

    [Fact]
    public async Task A_systems_secret_is_kept_hashed_and_a_revoked_system_gets_no_token()
    {
        var clientId = $"hotline-{Guid.NewGuid():N}"[..20];
        var put = await _admin.PutAsJsonAsync($"/api/identity/systems/{clientId}",
            new PutSystem("麦积区12345热线", new AccountScope([Roles.IntegrationClient], RateLimit: 1200)));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var credentials = (await put.Content.ReadFromJsonAsync<SystemCredentials>())!;

        var token = await _identity.ClientCredentialsAsync(clientId, credentials.ClientSecret);
        Assert.Equal("integration-client", Payload(token).GetProperty("role").GetString());
        Assert.Equal(1200, Payload(token).GetProperty("rate_limit").GetInt32());

        using (var scope = _identity.Host.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>()
                .SingleAsync(a => a.ClientId == clientId);
            Assert.NotNull(stored.ClientSecret);
            Assert.NotEqual(credentials.ClientSecret, stored.ClientSecret);
            Assert.DoesNotContain(credentials.ClientSecret, stored.ClientSecret);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/identity/systems/{clientId}")).StatusCode);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _identity.ClientCredentialsAsync(clientId, credentials.ClientSecret));
        Assert.Contains("invalid_client", refused.Message);
    }

    [Fact]
    public Task Every_account_endpoint_answers_401_without_a_token_and_403_to_every_role_but_district_admin() =>
        AccessMatrix.AssertAsync(_identity.Host, _identity, new Dictionary<string, string[]>
        {
            ["PutSystem"] = [],
            ["RevokeSystem"] = [],
            ["GetPersonalDataReads"] = [],
            ["GetAuditTrail"] = [Roles.Auditor],
            ["PutConsole"] = [],
            ["PutOperator"] = [],
            ["DisableOperator"] = [],
        });

    [Fact]
    public async Task Only_a_district_admin_manages_accounts()
    {
        var body = new PutSystem("某系统", new AccountScope([Roles.Auditor]));
        var anonymous = _identity.Host.CreateClient().WithToken(null);
        var auditor = _identity.Host.CreateClient().WithToken(await _identity.TokenAsync(Roles.Auditor));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/identity/systems/some-system", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PutAsJsonAsync("/api/identity/systems/some-system", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.DeleteAsync("/api/identity/operators/admin")).StatusCode);
    }

    [Fact]
    public async Task A_limited_role_without_its_limit_or_an_unknown_role_is_400_naming_the_field()
    {
        var response = await _admin.PutAsJsonAsync("/api/identity/systems/some-system",
            new { displayName = "社区系统", scope = new { roles = new[] { "community-staff", "super-user" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("scope.community", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("scope.roles[1]", out _), errors.GetRawText());

        var badName = await _admin.PutAsJsonAsync("/api/identity/systems/Bad%20Name", new PutSystem("x", new AccountScope([Roles.Auditor])));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.True((await badName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("clientId", out _));
    }

    [Fact]
    public async Task Password_guesses_are_limited_per_address_with_429_and_Retry_After()
    {
        // From an address of its own, so other tests' sign-ins are not limited with it.
        var address = IPAddress.Parse($"10.7.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}");
        async Task<HttpContext> Guess() => await _identity.Host.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = address;
            context.Request.Method = "POST";
            context.Request.Path = "/account/login";
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Body = new MemoryStream("userName=admin&password=guess"u8.ToArray());
        });

        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await Guess()).Response.StatusCode);
        }

        var limited = await Guess();
        Assert.DoesNotContain(StatusCodes.Status429TooManyRequests, statuses);
        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.InRange(int.Parse(limited.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task A_services_Scalar_page_may_fetch_a_token_across_origins_in_Development_and_a_foreign_page_may_not()
    {
        var client = _identity.Host.CreateClient().WithToken(null);
        foreach (var (origin, allowed) in new[] { ("http://localhost:5081", true), ("https://evil.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/connect/token");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            var response = await client.SendAsync(preflight);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Token(Dictionary<string, string> form)
    {
        using var client = _identity.Host.CreateClient().WithToken(null);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static FormUrlEncodedContent LoginForm(string page, string user, string password)
    {
        var fields = HiddenField().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["userName"] = user;
        fields["password"] = password;
        return new FormUrlEncodedContent(fields);
    }

    private static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='))).RootElement;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
