using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Consultation.Tests;

/// <summary>Who may do what in Consultation: every endpoint, every role.</summary>
public sealed class AccessTests(ConsultationFixture fixture) : IClassFixture<ConsultationFixture>
{
    private static readonly string[] Readers = [Roles.CommunityStaff, Roles.CompanyUser, Roles.Inspector, Roles.Instructor, Roles.Auditor];
    private static readonly string[] Organisers = [Roles.CommunityStaff];

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["FormCommittee"] = Organisers,
        ["AppointCommitteeMember"] = Organisers,
        ["EndCommitteeAppointment"] = Organisers,
        ["GetCommittee"] = Readers,
        ["ListCommittees"] = Readers,
        ["ListConcurrentCompanyHeads"] = [Roles.CommunityStaff, Roles.Auditor],
        ["RegisterParty"] = Organisers,
        ["GetParty"] = Readers,
        ["GetPartyContacts"] = Organisers,
        ["ErasePartyContacts"] = [],
        ["ListParties"] = Readers,
        ["ConveneMeeting"] = Organisers,
        ["InviteParties"] = Organisers,
        ["AddAgendaItem"] = Organisers,
        ["RecordAttendance"] = Organisers,
        ["HoldMeeting"] = Organisers,
        ["DecideAgendaItem"] = Organisers,
        ["AssignAction"] = Organisers,
        ["GetMeeting"] = Readers,
        ["ListMeetings"] = Readers,
        ["ReportActionProgress"] = Organisers,
        ["GetAction"] = Readers,
        ["GetConsultationSummary"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["TraceSource"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["MoveBackErrors-consultation"] = [],
        ["ReplayIntegrationEvents"] = [],
        ["RepublishUnrouted"] = [],
        ["GetPersonalDataReads"] = [],
        ["GetAuditTrail"] = [Roles.Auditor],
    };

    [Fact]
    public Task Every_endpoint_answers_401_without_a_token_403_to_other_roles_and_serves_its_roles() =>
        AccessMatrix.AssertAsync(fixture.Host, fixture.System.Identity, Expected);

    [Fact]
    public async Task Malformed_and_extreme_input_to_every_endpoint_is_never_a_5xx_and_always_problem_json() =>
        await new GeneratedBadInput(fixture.Admin.Http, await Ids(fixture.Weibin)).AssertNoFailuresAsync();

    [Fact]
    public async Task Personal_data_typed_into_any_text_field_of_any_command_never_reaches_the_public_exchange() =>
        await PublicFeedCheck.NoPersonalDataReachesThePublicExchangeAsync(
            fixture.System.Broker.ConnectionUri, fixture.Host.Services.GetRequiredService<IDocumentStore>(), new GeneratedBadInput(fixture.Admin.Http, await Ids(fixture.Qiaonan)), expectPublished: false);

    // A community has one big party committee: each test takes its own community.
    private async Task<Dictionary<string, Guid>> Ids(Guid community) =>
        new()
        {
            ["communities"] = community,
            ["companies"] = fixture.Hongyuan,
            ["committees"] = await fixture.Admin.Create("/api/consultation/committees", new { communityId = community, name = "渭滨社区大党委", termFrom = "2021-07-01", termTo = "2026-06-30" }),
            ["parties"] = await fixture.Admin.Create("/api/consultation/parties", new { kind = "residentsCommittee", name = "渭滨居委会", communityId = community }),
            ["meetings"] = await fixture.Admin.Create("/api/consultation/meetings", new { communityId = community, title = "联席会议", at = "2022-06-10T09:30:00+08:00", place = "社区", convener = "书记" }),
        };
}
