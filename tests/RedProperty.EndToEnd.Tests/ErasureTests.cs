using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.Consultation;
using RedProperty.Organization;
using RedProperty.Organization.Members;
using RedProperty.Testing;
using RedProperty.Volunteering;
using RedProperty.Volunteering.Volunteers;
using Xunit.Abstractions;

namespace RedProperty.EndToEnd.Tests;

/// <summary>
/// Erasure on request (PIPL art. 47), end to end: a party member who heads a company, serves on a community
/// committee and is also a volunteer. Organization, Consultation and Volunteering run in this process on the real
/// PostgreSQL and RabbitMQ.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class ErasureTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Name = "王建国";
    private const string Phone = "13893800123";
    private TestSystem _system = null!;
    private ServiceHost<OrganizationService> _organizationHost = null!;
    private ServiceHost<VolunteeringService> _volunteeringHost = null!;
    private ServiceHost<ConsultationService> _consultationHost = null!;
    private OrganizationClient _organization = null!;
    private ApiClient _volunteering = null!;
    private ApiClient _consultation = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("erasure");
        // The services' warnings are shown with a failure: a consumer that failed says why.
        _volunteeringHost = _system.Start<VolunteeringService>(TestOutputLogging.To(output, "volunteering"));
        _consultationHost = _system.Start<ConsultationService>(TestOutputLogging.To(output, "consultation"));
        await _volunteeringHost.ConsumersReadyAsync();
        await _consultationHost.ConsumersReadyAsync();
        _organizationHost = _system.Start<OrganizationService>(TestOutputLogging.To(output, "organization"));
        _organization = new OrganizationClient(_organizationHost.CreateClient());
        _volunteering = new ApiClient(_volunteeringHost.CreateClient());
        _consultation = new ApiClient(_consultationHost.CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task A_member_who_is_also_a_volunteer_is_erased_in_every_service_events_included_and_every_count_stays()
    {
        var company = await _organization.Company();
        await _organization.Serve(company, "锦绣花园", "北道埠社区", 820);
        var community = _organization.CommunityId("北道埠社区");
        var nationalId = NationalIds.Next();
        var member = await _organization.Member(company, Name, companyRole: "generalManager", nationalId: nationalId);
        var summary = await _organization.Get("/api/organization/summary");

        // Consultation: a concurrent member of the community's party committee (the name copied from the member).
        var committee = (await Eventually.Get(async () => await CreatedId(
            await _consultation.Http.PostAsJsonAsync("/api/consultation/committees", new { communityId = community, name = "北道埠社区党委", termFrom = "2021-01-01", termTo = "2025-12-31" })),
            TimeSpan.FromSeconds(60), "the committee (the community known in Consultation)"))!.Value;
        await Eventually.True(async () => (await _consultation.Post($"/api/consultation/committees/{committee}/members",
            new { name = Name, position = "member", from = "2021-06-01", partyMemberId = member }, 1)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the concurrent appointment (the member known in Consultation)");

        // Volunteering: the same person, registered as a party-member volunteer with their phone.
        var volunteer = (await Eventually.Get(async () => await CreatedId(await _volunteering.Http.PostAsJsonAsync("/api/volunteering/volunteers", new
        {
            source = "partyMember",
            name = Name,
            communityId = community,
            idNumber = NationalIds.Next(),
            consent = true,
            phone = Phone,
            partyMemberId = member,
        })), TimeSpan.FromSeconds(60), "the volunteer (the member and community known in Volunteering)"))!.Value;

        Assert.Equal(Name, (await _organization.Get($"/api/organization/members/{member}")).GetProperty("name").GetString());
        Assert.Equal(Phone, (await _volunteering.Get($"/api/volunteering/volunteers/{volunteer}/contact")).GetProperty("phone").GetString());
        // Sealed from the start: no event of Organization or Volunteering holds the name or the phone in plain text.
        Assert.Empty(await RowsHolding(Name, "organization.mt_events", "volunteering.mt_events"));
        Assert.Empty(await RowsHolding(Phone, "volunteering.mt_events"));

        // A copy of the event taken now (a backup, a replica) holds the name sealed.
        var organizationStore = _organizationHost.Services.GetRequiredService<IDocumentStore>();
        string copied;
        await using (var session = organizationStore.QuerySession())
        {
            copied = (await session.Events.FetchStreamAsync(member)).Select(e => e.Data).OfType<PartyMemberRegistered>().Single().Name;
        }

        Assert.True(PersonalData.IsSealed(copied));

        var erasure = await _organization.Http.PostAsync($"/api/organization/members/{member}/erasure", null);
        Assert.Equal(HttpStatusCode.NoContent, erasure.StatusCode);

        Assert.Equal(PersonalData.Erased, (await _organization.Get($"/api/organization/members/{member}")).GetProperty("name").GetString());
        await Eventually.True(async () => (await _volunteering.Get($"/api/volunteering/volunteers/{volunteer}")).GetProperty("name").GetString() == PersonalData.Erased,
            TimeSpan.FromSeconds(60), "the volunteer erased in Volunteering");
        Assert.Equal(PersonalData.Erased, (await _volunteering.Get($"/api/volunteering/volunteers/{volunteer}/contact")).GetProperty("phone").GetString());
        await Eventually.True(async () => (await _consultation.Get($"/api/consultation/committees/{committee}")).GetProperty("appointments")[0].GetProperty("name").GetString() == PersonalData.Erased,
            TimeSpan.FromSeconds(60), "the committee appointment erased in Consultation");

        // Nothing anywhere still holds them: events (masked where they were plain), read models, the services' copies.
        await Eventually.True(async () => (await RowsHolding(Name)).Count == 0, TimeSpan.FromSeconds(30), "no row holding the name");
        Assert.Empty(await RowsHolding(Phone));

        // The figures are what they were: the member still counts, the appointment still serves.
        var after = await _organization.Get("/api/organization/summary");
        Assert.Equal(1, after.GetProperty("partyMembers").GetInt32());
        Assert.Equal(summary.GetProperty("partyMembers").GetInt32(), after.GetProperty("partyMembers").GetInt32());
        Assert.Equal(summary.GetProperty("partyMemberCompanyHeads").GetInt32(), after.GetProperty("partyMemberCompanyHeads").GetInt32());
        Assert.Equal(1, (await _consultation.Get($"/api/consultation/committees/{committee}")).GetProperty("appointments").GetArrayLength());

        // The key is gone, so that copy no longer opens; and a rebuild of the read models cannot bring anything back.
        await using (var session = organizationStore.QuerySession())
        {
            Assert.Null(await session.LoadAsync<PersonalDataKey>(member));
            Assert.Equal(PersonalData.Erased, await PersonalData.UnsealAsync(session, member, copied));
        }

        await organizationStore.Advanced.RebuildSingleStreamAsync<MemberDetails>(member);
        await _volunteeringHost.Services.GetRequiredService<IDocumentStore>().Advanced.RebuildSingleStreamAsync<VolunteerDetails>(volunteer);
        await _volunteeringHost.Services.GetRequiredService<IDocumentStore>().Advanced.RebuildSingleStreamAsync<VolunteerContact>(volunteer);
        Assert.Equal(PersonalData.Erased, (await _organization.Get($"/api/organization/members/{member}")).GetProperty("name").GetString());
        Assert.Equal(PersonalData.Erased, (await _volunteering.Get($"/api/volunteering/volunteers/{volunteer}")).GetProperty("name").GetString());
        Assert.Equal(PersonalData.Erased, (await _volunteering.Get($"/api/volunteering/volunteers/{volunteer}/contact")).GetProperty("phone").GetString());

        // Each erasure is in its service's audit trail: the request in Organization, the cascade in Volunteering.
        var audit = (await _organization.Get("/api/organization/audit?kind=change")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("what").GetString() == "erasure: party member" && e.GetProperty("status").GetInt32() == 204);
        var cascade = (await _volunteering.Get("/api/volunteering/audit?kind=change")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(cascade, e => e.GetProperty("what").GetString() == "erasure: volunteer (party member erased)" && e.GetProperty("actor").GetString() == "system:organization");

        Assert.Equal(HttpStatusCode.NotFound, (await _organization.Http.PostAsync($"/api/organization/members/{Guid.CreateVersion7()}/erasure", null)).StatusCode);
        // The same person may be entered again, as someone new: the keyed hash of the ID number went too.
        Assert.NotEqual(member, await _organization.Member(company, "王建国", nationalId: nationalId));
    }

    private static async Task<Guid?> CreatedId(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : null;

    /// <summary>Every row, in every table of every service's schema (or of <paramref name="tables"/>), whose text holds <paramref name="text"/>.</summary>
    private async Task<IReadOnlyList<string>> RowsHolding(string text, params string[] tables)
    {
        await using var connection = new NpgsqlConnection(_system.Database);
        await connection.OpenAsync();
        if (tables.Length == 0)
        {
            await using var list = new NpgsqlCommand(
                "select table_schema || '.' || table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'public')",
                connection);
            var all = new List<string>();
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    all.Add(reader.GetString(0));
                }
            }

            tables = [.. all];
        }

        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where t::text like '%' || @text || '%'", connection);
            count.Parameters.AddWithValue("text", text);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                found.Add(table);
            }
        }

        return found;
    }
}
