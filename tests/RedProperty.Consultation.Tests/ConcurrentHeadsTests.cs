using System.Text.Json;
using RedProperty.Testing;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Consultation.Tests;

/// <summary>
/// A concurrent member counts while they head a company (the report counts "party-member heads of companies serving
/// concurrently"): leaving the company or the head role ends the appointment on their last day as a head.
/// </summary>
public sealed class ConcurrentHeadsTests(ConsultationFixture fixture) : IClassFixture<ConsultationFixture>
{
    private ApiClient Admin => fixture.Admin;

    private async Task<int> HeadsOn(string day) => (await Admin.Get($"/api/consultation/summary?asOf={day}")).GetProperty("concurrentCompanyHeads").GetInt32();

    [Fact]
    public async Task Leaving_the_company_or_the_head_role_ends_the_appointment_on_the_last_day_as_a_head_and_it_is_published()
    {
        await fixture.System.Broker.BindQueueAsync(Contracts.Consultation.V1.ConcurrentMemberEnded.MessageName, "concurrent-member-ended-watch");
        var committee = await Admin.Create("/api/consultation/committees", new { communityId = fixture.Weibin, name = "渭滨社区大党委", termFrom = "2021-07-01", termTo = "2026-06-30" });
        var leaver = await fixture.Head("赵建军", fixture.Hongyuan);
        var demoted = await fixture.Head("孙丽", fixture.Jinxiu, "legalRepresentative");
        var mover = await fixture.Head("周强", fixture.Hongyuan, "deputyGeneralManager");
        var version = 1L;
        foreach (var (id, name) in new[] { (leaver, "赵建军"), (demoted, "孙丽"), (mover, "周强") })
        {
            version = await Admin.Change($"/api/consultation/committees/{committee}/members", new { name, position = "member", from = "2022-03-01", partyMemberId = id }, version);
        }

        Assert.Equal(3, await HeadsOn("2022-06-01"));

        // 赵建军's last day at 红苑物业 is 15 June; 孙丽 is staff from 1 July; 周强 moves to 锦绣物业 as a department head on 1 August.
        await fixture.Publish(new V1.PartyMemberLeftCompany(leaver, fixture.Hongyuan, new DateTimeOffset(2022, 6, 15, 18, 0, 0, TimeSpan.FromHours(8)), new DateOnly(2022, 6, 15)));
        await fixture.Publish(new V1.PartyMemberCompanyRoleChanged(demoted, fixture.Jinxiu, "staff", false, new DateOnly(2022, 7, 1)));
        await fixture.Publish(new V1.PartyMemberMovedCompany(mover, fixture.Hongyuan, fixture.Jinxiu, "departmentHead", false, new DateOnly(2022, 8, 1)));

        var ended = await Eventually.Get(async () =>
        {
            var appointments = (await Admin.Get($"/api/consultation/committees/{committee}")).GetProperty("appointments").EnumerateArray().ToList();
            return appointments.All(a => a.GetProperty("to").GetString() != "2026-06-30") ? appointments : null;
        }, TimeSpan.FromSeconds(30), "the three appointments ended");
        JsonElement Of(Guid member) => ended.Single(a => a.GetProperty("partyMemberId").GetGuid() == member);
        Assert.Equal(("2022-06-15", "leftCompany"), (Of(leaver).GetProperty("to").GetString(), Of(leaver).GetProperty("endReason").GetString()));
        Assert.Equal(("2022-06-30", "noLongerHead"), (Of(demoted).GetProperty("to").GetString(), Of(demoted).GetProperty("endReason").GetString()));
        Assert.Equal(("2022-07-31", "leftCompany"), (Of(mover).GetProperty("to").GetString(), Of(mover).GetProperty("endReason").GetString()));

        Assert.Equal(3, await HeadsOn("2022-06-15"));
        Assert.Equal(2, await HeadsOn("2022-06-16"));
        Assert.Equal(1, await HeadsOn("2022-07-01"));
        Assert.Equal(0, await HeadsOn("2022-08-01"));

        // Other systems learn it as concurrent-member-ended, with the reason.
        var published = await Eventually.Get(async () =>
        {
            var messages = await fixture.System.Broker.PeekAsync("concurrent-member-ended-watch");
            return messages.Count >= 3 ? messages : null;
        }, TimeSpan.FromSeconds(30), "three concurrent-member-ended messages");
        var reasons = published.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("message"))
            .ToDictionary(m => m.GetProperty("partyMemberId").GetGuid(), m => m.GetProperty("reason").GetString());
        Assert.Equal("leftCompany", reasons[leaver]);
        Assert.Equal("noLongerHead", reasons[demoted]);
        Assert.Equal("leftCompany", reasons[mover]);
    }
}
