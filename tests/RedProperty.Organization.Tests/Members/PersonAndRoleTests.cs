using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks;
using RedProperty.Organization.Members;
using RedProperty.Testing;

namespace RedProperty.Organization.Tests.Members;

/// <summary>One person counted once, moves between companies, and the member's role in the company.</summary>
public sealed class PersonAndRoleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2022, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2022, 7, 1);
    private TestSystem _system = null!;
    private ServiceHost<OrganizationService> _host = null!;
    private OrganizationClient _org = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.CreateAsync("organization-persons");
        _host = _system.Start<OrganizationService>();
        _org = new OrganizationClient(_host.CreateClient());
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private static PartyMember Member(bool hasLeft = false) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), MemberStage.Full, new DateOnly(2010, 7, 1), false, hasLeft);

    [Fact]
    public void A_move_to_the_same_company_is_refused_unless_the_member_had_left()
    {
        var member = Member();
        Assert.Throws<DomainException>(() => MoveCompanyDecider.Decide(member, new MoveCompany(member.CompanyId, Today, "经理", CompanyRole.Staff), Now));
        var back = MoveCompanyDecider.Decide(member with { HasLeft = true }, new MoveCompany(member.CompanyId, Today, "经理", CompanyRole.Staff), Now);
        Assert.IsType<MemberMovedCompany>(Assert.Single(back));
        Assert.Throws<DomainException>(() => MoveCompanyDecider.Decide(member, new MoveCompany(Guid.CreateVersion7(), Today.AddDays(1), "经理", CompanyRole.Staff), Now));
    }

    [Fact]
    public void A_member_who_left_has_no_role_to_change_and_a_future_change_has_not_happened()
    {
        Assert.Throws<DomainException>(() => ChangeCompanyRoleDecider.Decide(Member(hasLeft: true), new ChangeCompanyRole(CompanyRole.GeneralManager, "总经理", Today), Now));
        Assert.Throws<DomainException>(() => ChangeCompanyRoleDecider.Decide(Member(), new ChangeCompanyRole(CompanyRole.GeneralManager, "总经理", Today.AddDays(1)), Now));
        var changed = Assert.IsType<MemberCompanyRoleChanged>(Assert.Single(ChangeCompanyRoleDecider.Decide(Member(), new ChangeCompanyRole(CompanyRole.GeneralManager, " 总经理 ", Today), Now)));
        Assert.Equal("总经理", changed.Position);
    }

    [Theory]
    [InlineData("620599198507150026", true)]
    [InlineData("62050319850715002x", false)]
    [InlineData("620503198513150023", false)]
    [InlineData("62050319850715002", false)]
    public void National_ids_are_checked_by_their_check_character_and_birth_date(string id, bool valid) =>
        Assert.Equal(valid, BuildingBlocks.ResidentIds.IsValid(id));

    [Fact]
    public async Task The_same_person_again_is_409_with_a_link_and_the_number_is_never_stored()
    {
        var hongyuan = await _org.Company("天水市麦积区红苑物业服务有限公司");
        var jinxiu = await _org.Company("天水市麦积区锦绣物业服务有限公司");
        var number = Testing.NationalIds.Next();
        var first = await _org.Member(hongyuan, "王建国", nationalId: number);

        var again = await _org.Http.PostAsJsonAsync("/api/organization/members", new
        {
            companyId = jinxiu,
            name = "王建国",
            position = "经理",
            via = "hired",
            stage = "full",
            admittedOn = "2010-07-01",
            companyRole = "staff",
            nationalId = number.ToLowerInvariant(),
        });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"/api/organization/members/{first}", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("existing").GetString());
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = await session.AdvancedSql.QueryAsync<string>(
            "SELECT data::text FROM organization.mt_events UNION ALL SELECT data::text FROM organization.mt_doc_memberdetails UNION ALL SELECT id FROM organization.mt_doc_personregistration",
            CancellationToken.None);
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, row => row.Contains(number, StringComparison.OrdinalIgnoreCase) || row.Contains(number[..17], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_person_moves_to_another_company_as_the_same_member_and_heads_are_counted_by_role()
    {
        var hongyuan = await _org.Company("天水市麦积区红苑物业服务有限公司");
        var jinxiu = await _org.Company("天水市麦积区锦绣物业服务有限公司");
        var manager = await _org.Member(hongyuan, "李总", companyRole: "generalManager");
        var staff = await _org.Member(hongyuan, "赵员工");
        Assert.Equal(1, (await _org.Get("/api/organization/summary")).GetProperty("partyMemberCompanyHeads").GetInt32());

        var version = await _org.Change($"/api/organization/members/{staff}/company-role", new { role = "deputyGeneralManager", position = "副总经理", on = "2022-03-01" }, 1);
        await _org.Change($"/api/organization/members/{manager}/company-transfers",
            new { toCompanyId = jinxiu, on = "2022-08-01", position = "总经理", companyRole = "generalManager" }, 1);

        var moved = await _org.Get($"/api/organization/members/{manager}");
        Assert.Equal(jinxiu, moved.GetProperty("companyId").GetGuid());
        Assert.Equal(hongyuan, moved.GetProperty("previousCompanies")[0].GetProperty("companyId").GetGuid());
        var summary = await _org.Get("/api/organization/summary");
        Assert.Equal(2, summary.GetProperty("partyMemberCompanyHeads").GetInt32());
        Assert.Equal(2, summary.GetProperty("partyMembers").GetInt32());
        var ledger = await _org.Get("/api/organization/ledgers/members?pageSize=500");
        var rows = ledger.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("memberId").GetGuid());
        Assert.Equal("deputyGeneralManager", rows[staff].GetProperty("companyRole").GetString());
        Assert.Equal("锦绣物业服务有限公司", rows[manager].GetProperty("company").GetString()![^10..]);
        Assert.Equal(2, version);
    }

    [Fact]
    public async Task An_invalid_id_number_or_a_missing_role_is_400_naming_the_field()
    {
        var company = await _org.Company();
        var response = await _org.Http.PostAsJsonAsync("/api/organization/members", new
        {
            companyId = company,
            name = "王建国",
            position = "经理",
            via = "hired",
            stage = "full",
            admittedOn = "2010-07-01",
            nationalId = "620503198507150024",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("nationalId", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("companyRole", out _), errors.GetRawText());
    }
}
