using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using RedProperty.Testing;

namespace RedProperty.Identity.Tests;

/// <summary>
/// Two instances of the identity service on one store, as behind a load balancer: they start together
/// without fighting over the accounts, and a sign-in form served by one is accepted by the other (the
/// keys of forms and cookies live in the store, not in each process).
/// </summary>
public sealed partial class TwoInstancesTests
{
    [Fact]
    public async Task A_sign_in_form_from_one_instance_is_accepted_by_the_other()
    {
        var database = await (await TestInfrastructure.Shared).CreateDatabaseAsync("identity-two");
        var starting = new[] { Start(database), Start(database) };
        await Task.WhenAll(starting.Select(host => Task.Run(() => host.Server)));
        var (first, second) = (starting[0], starting[1]);

        using var fromFirst = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = await fromFirst.GetAsync("/account/login?returnUrl=%2F");
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["userName"] = "admin";
        fields["password"] = IdentityService.DevelopmentSecret;

        using var toSecond = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var signedIn = await toSecond.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("redproperty.signin", StringComparison.Ordinal));

        foreach (var host in starting)
        {
            await host.DisposeAsync();
        }
    }

    private static ServiceHost<IdentityService> Start(string database) => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:redproperty"] = database,
        ["Identity:Issuer"] = TestIdentity.Issuer,
        ["Identity:Keys"] = "Ephemeral",
    });

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
