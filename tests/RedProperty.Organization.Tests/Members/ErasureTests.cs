using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.Organization.Members;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Members;

/// <summary>
/// Members' names are sealed in the events under a key per member, and erasure on request (PIPL art. 47)
/// removes them, including from events written before sealing. The end-to-end case, a member who is also a
/// volunteer and a committee member, is in EndToEnd.Tests/ErasureTests.
/// </summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private TestSystem _system = null!;
    private ServiceHost<OrganizationService> _host = null!;
    private OrganizationClient _org = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-erasure");
        _host = _system.Start<OrganizationService>();
        _org = new OrganizationClient(_host.CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    private async Task<IReadOnlyList<object>> Events(Guid stream)
    {
        await using var session = Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(stream)).Select(e => e.Data)];
    }

    private async Task<IReadOnlyList<string?>> LedgerNames(string query) =>
        [.. (await _org.Get($"/api/organization/ledgers/members?{query}")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString())];

    [Fact]
    public async Task A_name_is_sealed_in_the_event_and_read_in_plain_by_the_ledger_now_and_as_of_a_day()
    {
        var company = await _org.Company();
        var member = await _org.Member(company, "刘晓燕");

        var registered = Assert.IsType<PartyMemberRegistered>(Assert.Single(await Events(member)));
        Assert.True(PersonalData.IsSealed(registered.Name));
        Assert.DoesNotContain("刘晓燕", registered.Name);
        Assert.Equal("刘晓燕", (await _org.Get($"/api/organization/members/{member}")).GetProperty("name").GetString());
        // Now from the read models; as of a day from the events, each opened with the member's key.
        Assert.Contains("刘晓燕", await LedgerNames(""));
        Assert.Contains("刘晓燕", await LedgerNames("asOf=2099-12-31T00:00:00Z"));
    }

    [Fact]
    public async Task Erasure_overwrites_what_events_written_before_sealing_hold_in_plain_text_and_the_member_still_counts()
    {
        var company = await _org.Company();
        var member = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        // A member entered before names were sealed: the name, the keyed ID hash and a pledge in plain text.
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream<PartyMember>(
                member,
                new PartyMemberRegistered(member, company, "赵德胜", "保安队长", JoinedVia.Hired, MemberStage.Full, new DateOnly(2010, 7, 1), false, now)
                {
                    PersonKey = "a1b2c3d4-legacy",
                    JoinedOn = new DateOnly(2015, 3, 1),
                    CompanyRole = CompanyRole.Staff,
                },
                new PledgeMade(member, "共产党员赵德胜", "带头遵守业主公约", "每周巡查楼道一次", new DateOnly(2022, 5, 1), now));
            await session.SaveChangesAsync();
        }

        Assert.Equal("赵德胜", (await _org.Get($"/api/organization/members/{member}")).GetProperty("name").GetString());
        var before = (await _org.Get("/api/organization/summary")).GetProperty("partyMembers").GetInt32();

        Assert.Equal(HttpStatusCode.NoContent, (await _org.Http.PostAsync($"/api/organization/members/{member}/erasure", null)).StatusCode);

        var read = await _org.Get($"/api/organization/members/{member}");
        Assert.Equal(PersonalData.Erased, read.GetProperty("name").GetString());
        Assert.Equal(PersonalData.Erased, read.GetProperty("pledge").GetProperty("identity").GetString());
        Assert.Equal("2022-05-01", read.GetProperty("pledge").GetProperty("publishedOn").GetString());

        var events = await Events(member);
        var registered = events.OfType<PartyMemberRegistered>().Single();
        Assert.Equal(PersonalData.Erased, registered.Name);
        Assert.Null(registered.PersonKey);
        Assert.Equal(PersonalData.Erased, events.OfType<PledgeMade>().Single().Identity);
        Assert.IsType<PersonalDataErased>(events[^1]);

        // As of a day the ledger is rebuilt from the events: the name is not there either, and the member still counts.
        Assert.DoesNotContain("赵德胜", await LedgerNames("asOf=2099-12-31T00:00:00Z"));
        Assert.Contains(PersonalData.Erased, await LedgerNames("asOf=2099-12-31T00:00:00Z"));
        Assert.Equal(before, (await _org.Get("/api/organization/summary")).GetProperty("partyMembers").GetInt32());
    }
}
