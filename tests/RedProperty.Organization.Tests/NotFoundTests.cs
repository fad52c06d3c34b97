using System.Net;

namespace RedProperty.Organization.Tests;

/// <summary>Every resource answers 404 for an id it never issued, to a read and to a change.</summary>
public sealed class NotFoundTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    [Theory]
    [InlineData("companies")]
    [InlineData("members")]
    [InlineData("branches")]
    [InlineData("instructors")]
    [InlineData("responsibility-zones")]
    [InlineData("pioneer-posts")]
    public async Task Reading_an_unknown_id_is_404(string resource) =>
        Assert.Equal(HttpStatusCode.NotFound, (await _org.Http.GetAsync($"/api/organization/{resource}/{Guid.CreateVersion7()}")).StatusCode);

    [Theory]
    [InlineData("PUT", "estates/{0}", """{"name":"锦绣花园","households":10}""")]
    [InlineData("POST", "estates/{0}/service-contracts/end", """{"companyId":"01a2240b-4f0d-7e2e-adad-f6ede970d118","on":"2022-01-01"}""")]
    [InlineData("POST", "companies/{0}/surveys", """{"on":"2022-03-15","surveyor":"张强","together":"道北街道","partyMembersFound":1,"organizationExists":false}""")]
    [InlineData("POST", "members/{0}/development-stages", """{"stage":"activist","on":"2022-01-01"}""")]
    [InlineData("POST", "members/{0}/pledges", """{"identity":"党员","standards":"标准","commitments":"承诺","publishedOn":"2022-07-01"}""")]
    [InlineData("POST", "branches/{0}/status-changes", """{"step":"startForming"}""")]
    [InlineData("POST", "instructors/{0}/visits", """{"companyId":"01a2240b-4f0d-7e2e-adad-f6ede970d118","on":"2022-06-08","topics":["党建"],"disputesCoordinated":0}""")]
    public async Task Changing_an_unknown_id_is_404(string method, string path, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/organization/" + string.Format(path, Guid.CreateVersion7()))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        Assert.Equal(HttpStatusCode.NotFound, (await _org.Http.SendAsync(request)).StatusCode);
    }
}
