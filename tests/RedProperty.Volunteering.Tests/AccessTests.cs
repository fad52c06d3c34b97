using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Testing;

namespace RedProperty.Volunteering.Tests;

/// <summary>Who may do what in Volunteering: every endpoint, every role; and generated bad input.</summary>
public sealed class AccessTests(VolunteeringFixture fixture) : IClassFixture<VolunteeringFixture>
{
    private static readonly string[] Readers = [Roles.CommunityStaff, Roles.Instructor, Roles.Auditor];
    private static readonly string[] Organisers = [Roles.CommunityStaff];
    private static readonly string[] Mediation = [Roles.CommunityStaff, Roles.Instructor];

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["RegisterVolunteer"] = Organisers,
        ["GetVolunteer"] = Readers,
        ["ListVolunteers"] = Readers,
        ["ListTeams"] = Readers,
        ["ListDisputes"] = Readers,
        ["GetVolunteerContact"] = Organisers,
        ["EraseVolunteer"] = [],
        ["IssueCertificate"] = Organisers,
        ["VerifyCertificate"] = AccessMatrix.Anyone,
        ["FormTeam"] = Organisers,
        ["JoinTeam"] = Organisers,
        ["GetTeam"] = Readers,
        ["ListActivityTypes"] = Readers,
        ["ScheduleActivity"] = Organisers,
        ["SignUp"] = Organisers,
        ["CheckIn"] = Organisers,
        ["CheckOut"] = Organisers,
        ["RecordActivityHeld"] = Organisers,
        ["GetActivity"] = Readers,
        ["RegisterDispute"] = Mediation,
        ["TriageDispute"] = Mediation,
        ["AssignMediators"] = Mediation,
        ["RecordMediationSession"] = Mediation,
        ["ReachAgreement"] = Mediation,
        ["RecordReturnVisit"] = Mediation,
        ["CloseDispute"] = Mediation,
        ["EscalateDispute"] = Mediation,
        ["GetDispute"] = Readers,
        ["GetDisputeParties"] = Mediation,
        ["GetVolunteeringSummary"] = [.. Roles.Staff, Roles.IntegrationClient],
        ["MoveBackErrors-volunteering"] = [],
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
        await new GeneratedBadInput(fixture.Admin.Http, await Ids()).AssertNoFailuresAsync();

    [Fact]
    public async Task Personal_data_typed_into_any_text_field_of_any_command_never_reaches_the_public_exchange() =>
        await PublicFeedCheck.NoPersonalDataReachesThePublicExchangeAsync(
            fixture.System.Broker.ConnectionUri, fixture.Host.Services.GetRequiredService<IDocumentStore>(), new GeneratedBadInput(fixture.Admin.Http, await Ids()));

    private async Task<Dictionary<string, Guid>> Ids()
    {
        var volunteer = await fixture.Volunteer("生成测试");
        return new Dictionary<string, Guid>
        {
            ["volunteers"] = volunteer,
            ["leaders"] = volunteer,
            ["communities"] = fixture.Weibin,
            ["estates"] = fixture.WeibinEstate,
            ["members"] = fixture.PartyMember,
            ["instructors"] = fixture.Instructor,
            ["teams"] = await fixture.Admin.Create("/api/volunteering/teams", new { communityId = fixture.Weibin, name = "测试队", leaderId = volunteer }),
            ["activities"] = await fixture.Admin.Create("/api/volunteering/activities", new { type = "greening", title = "绿化", estateId = fixture.WeibinEstate, startsAt = "2022-05-14T08:30:00+08:00", endsAt = "2022-05-14T11:30:00+08:00", capacity = 5 }),
            ["disputes"] = await fixture.Admin.Create("/api/volunteering/disputes", new { communityId = fixture.Weibin, parties = new[] { "甲", "乙" }, summary = "纠纷", source = "walkIn" }),
        };
    }
}
