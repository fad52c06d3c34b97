using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.ApiKeys;
using RedProperty.Evaluation.Complaints;
using RedProperty.Testing;

namespace RedProperty.Evaluation.Tests.Complaints;

/// <summary>Open311 GeoReport v2 as its spec's examples use it: form-encoded POSTs, JSON and XML, error lists.</summary>
public sealed class Open311Tests(ComplaintsFixture fixture) : IClassFixture<ComplaintsFixture>
{
    private HttpClient Client() => fixture.Host.CreateClient().WithToken(null);

    private async Task<HttpResponseMessage> Post(string format, params (string Key, string Value)[] fields)
    {
        var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return await Client().PostAsync($"/open311/v2/requests.{format}", form);
    }

    private (string, string)[] Complaint(string description, params (string, string)[] more) =>
    [
        ("api_key", ApiKeyAuthentication.DevelopmentKey), ("service_code", "repairs"), ("address_id", fixture.JinxiuGarden.ToString()),
        ("description", description), ("first_name", "建国"), ("last_name", "王"), ("phone", "13893800123"), ("email", "wangjg@example.cn"),
        ("attribute[facility]", "lift"), ("media_url", "https://img.example.cn/lift.jpg"), .. more,
    ];

    [Fact]
    public async Task The_service_list_and_a_definition_are_served_in_json_and_xml_without_a_key()
    {
        var json = JsonDocument.Parse(await Client().GetStringAsync("/open311/v2/services.json")).RootElement;
        var repairs = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "repairs");
        Assert.Equal("设施设备维修", repairs.GetProperty("service_name").GetString());
        Assert.True(repairs.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", repairs.GetProperty("type").GetString());

        var xml = XDocument.Parse(await Client().GetStringAsync("/open311/v2/services.xml"));
        Assert.Equal("services", xml.Root!.Name.LocalName);
        Assert.Contains(xml.Root.Elements("service"), s => s.Element("service_code")!.Value == "sanitation" && s.Element("service_name")!.Value == "环境卫生");

        var definition = XDocument.Parse(await Client().GetStringAsync("/open311/v2/services/repairs.xml")).Root!;
        Assert.Equal("service_definition", definition.Name.LocalName);
        var facility = definition.Element("attributes")!.Elements("attribute").Single(a => a.Element("code")!.Value == "facility");
        Assert.Equal("true", facility.Element("required")!.Value);
        Assert.Contains(facility.Element("values")!.Elements("value"), v => v.Element("key")!.Value == "lift" && v.Element("name")!.Value == "电梯");

        var missing = await Client().GetAsync("/open311/v2/services/noise.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(404, JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_form_encoded_request_is_filed_and_read_back_without_personal_data_in_both_formats()
    {
        var posted = await Post("json", Complaint("3号楼电梯停运两天，老人上下楼困难"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString();

        var client = Client();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, ApiKeyAuthentication.DevelopmentKey);
        var json = await client.GetStringAsync($"/open311/v2/requests/{id}.json");
        var request = JsonDocument.Parse(json).RootElement[0];
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("repairs", request.GetProperty("service_code").GetString());
        Assert.Equal(fixture.JinxiuGarden.ToString(), request.GetProperty("address_id").GetString());
        Assert.EndsWith("+08:00", request.GetProperty("requested_datetime").GetString());
        Assert.Contains("电梯停运", request.GetProperty("description").GetString());

        var xml = await client.GetStringAsync($"/open311/v2/requests/{id}.xml");
        var element = XDocument.Parse(xml).Root!.Element("request")!;
        Assert.Equal(id, element.Element("service_request_id")!.Value);
        Assert.Equal("https://img.example.cn/lift.jpg", element.Element("media_url")!.Value);
        foreach (var personal in new[] { "13893800123", "wangjg@example.cn", "建国" })
        {
            Assert.DoesNotContain(personal, json);
            Assert.DoesNotContain(personal, xml);
        }

        var complaint = await fixture.Complaint(Guid.Parse(id!));
        Assert.Equal("王**", complaint.GetProperty("complainantMasked").GetString());
        Assert.Equal("lift", complaint.GetProperty("attributes").GetProperty("facility").GetString());
    }

    [Fact]
    public async Task A_control_character_is_refused_naming_the_field_and_one_stored_earlier_leaves_the_xml_listing_readable()
    {
        var refused = await Post("xml", Complaint("5号楼\u0001楼道灯不亮"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = XDocument.Parse(await refused.Content.ReadAsStringAsync()).Root!.Element("error")!;
        Assert.StartsWith("description: ", error.Element("description")!.Value, StringComparison.Ordinal);
        Assert.Contains("U+0001", error.Element("description")!.Value, StringComparison.Ordinal);

        // A description an earlier version accepted with one: the listing answers, with U+FFFD in its place.
        var posted = await Post("json", Complaint("5号楼楼道灯不亮"));
        var id = Guid.Parse(JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!);
        await using (var session = fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession())
        {
            var stored = await session.LoadAsync<ComplaintDetails>(id);
            session.Store(stored! with { Description = "5号楼\u0001楼道灯不亮" });
            await session.SaveChangesAsync();
        }

        var client = Client();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, ApiKeyAuthentication.DevelopmentKey);
        using var listing = await client.GetAsync($"/open311/v2/requests.xml?service_request_id={id}");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        var request = XDocument.Parse(await listing.Content.ReadAsStringAsync()).Root!.Element("request")!;
        Assert.Equal("5号楼\uFFFD楼道灯不亮", request.Element("description")!.Value);
    }

    [Fact]
    public async Task A_form_too_large_or_with_too_many_fields_is_refused_before_it_is_read()
    {
        // The key travels in the form, so sign-in would read it: the body limit comes first.
        using var large = await Post("json", Complaint(new string('漏', 2_000_000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(413, JsonDocument.Parse(await large.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32()); // Open311's error list

        // More fields than the form reader's default 1,024, within the size limit: read, and the unknown attributes refused.
        using var many = await Post("json", [.. Complaint("6号楼楼顶漏水"), .. Enumerable.Range(0, 2_000).Select(i => ($"attribute[x{i}]", "1"))]);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("attribute", await many.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_listed_by_ids_code_and_status_and_closed_follows_the_lifecycle()
    {
        var open = JsonDocument.Parse(await (await Post("json", Complaint("9号楼电梯异响"))).Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        var ruled = JsonDocument.Parse(await (await Post("json", Complaint("9号楼电梯异响（重复）"))).Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        await fixture.Admin.Change($"/api/evaluation/complaints/{ruled}/ruling", new { ruling = "duplicate", reason = "与前一投诉为同一问题", duplicateOf = open }, 1);

        var client = Client();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, ApiKeyAuthentication.DevelopmentKey);
        var both = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests.json?service_request_id={open},{ruled}")).RootElement;
        Assert.Equal(2, both.GetArrayLength());
        var closed = both.EnumerateArray().Single(r => r.GetProperty("service_request_id").GetString() == ruled);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("与前一投诉为同一问题", closed.GetProperty("status_notes").GetString());

        var onlyOpen = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests.json?service_request_id={open},{ruled}&status=open")).RootElement;
        Assert.Equal(open, Assert.Single(onlyOpen.EnumerateArray()).GetProperty("service_request_id").GetString());
        var otherCode = XDocument.Parse(await client.GetStringAsync($"/open311/v2/requests.xml?service_request_id={open}&service_code=sanitation")).Root!;
        Assert.Equal("service_requests", otherCode.Name.LocalName);
        Assert.Empty(otherCode.Elements());
    }

    [Fact]
    public async Task Errors_come_as_open311_error_lists_with_400_403_and_404()
    {
        var missing = await Post("json", ("api_key", ApiKeyAuthentication.DevelopmentKey), ("description", "没有类别"), ("address_string", "麦积区"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var error = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.StartsWith("service_code", error.GetProperty("description").GetString());

        var unknownEstate = await Post("xml", [.. Complaint("楼道灯坏了").Select(f => f.Item1 == "address_id" ? (f.Item1, Guid.NewGuid().ToString()) : f)]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownEstate.StatusCode);
        var xmlError = XDocument.Parse(await unknownEstate.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("errors", xmlError.Name.LocalName);
        Assert.StartsWith("address_id", xmlError.Element("error")!.Element("description")!.Value);

        var badKey = await Post("json", [("api_key", "rpk_not-a-key"), ("service_code", "repairs"), ("description", "x"), ("address_string", "麦积区")]);
        Assert.Equal(HttpStatusCode.Forbidden, badKey.StatusCode);
        Assert.Equal(403, JsonDocument.Parse(await badKey.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());

        var client = Client();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.HeaderName, ApiKeyAuthentication.DevelopmentKey);
        var unknown = await client.GetAsync($"/open311/v2/requests/{Guid.NewGuid()}.xml");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("404", XDocument.Parse(await unknown.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);

        var longText = await Post("json", Complaint(new string('坏', 4001)));
        Assert.Equal(HttpStatusCode.BadRequest, longText.StatusCode);
        Assert.StartsWith("description", JsonDocument.Parse(await longText.Content.ReadAsStringAsync()).RootElement[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_resubmission_with_the_same_device_id_files_nothing_twice_and_a_company_user_cannot_post()
    {
        var first = await Post("json", Complaint("12号楼楼道堆满纸箱", ("device_id", "ios-3f9a")));
        var again = await Post("json", Complaint("12号楼楼道堆满纸箱", ("device_id", "ios-3f9a")));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(
            JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString(),
            JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString());

        var company = await fixture.As(Roles.CompanyUser, company: fixture.Hongyuan);
        var refused = await company.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent([new("service_code", "repairs")]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(403, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
    }
}
