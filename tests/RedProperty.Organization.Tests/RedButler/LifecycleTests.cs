using System.Net;
using System.Text.Json;

namespace RedProperty.Organization.Tests.RedButler;

/// <summary>Zones, posts and instructors end, and the summary counts the current ones, by the day asked about.</summary>
public sealed class LifecycleTests(OrganizationApiFixture api) : IClassFixture<OrganizationApiFixture>
{
    private readonly OrganizationClient _org = new(api.Client);

    [Fact]
    public async Task Retired_zones_and_posts_and_ended_appointments_stop_counting_from_their_day()
    {
        var company = await _org.Company("天水市麦积区退岗物业有限公司", registeredOn: "2022-01-05");
        var member = await _org.Member(company, "岳党员", joinedOn: "2022-01-10");
        var estate = await _org.Serve(company, "退岗小区", "退岗社区", 300);
        var zone = await _org.Create("/api/organization/responsibility-zones", new { estateId = estate, buildings = new[] { "1号楼" }, memberIds = new[] { member }, designatedOn = "2022-02-01" });
        var post = await _org.Create("/api/organization/pioneer-posts", new { post = "物业服务先锋岗", memberId = member, estateId = estate, designatedOn = "2022-02-01" });
        var instructor = await _org.Create("/api/organization/instructors", new { name = "退任指导员", source = "dispatchedByIndustry", appointedOn = "2022-01-15" });
        var before = await Figures("2022-06-30");

        var early = await _org.Post($"/api/organization/responsibility-zones/{zone}/retirement", new { on = "2022-01-31", reason = "早于划定" }, 1);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await _org.Change($"/api/organization/responsibility-zones/{zone}/retirement", new { on = "2022-07-01", reason = "小区更换物业" }, 1);
        await _org.Change($"/api/organization/pioneer-posts/{post}/retirement", new { on = "2022-07-01", reason = "党员调离" }, 1);
        await _org.Change($"/api/organization/instructors/{instructor}/end", new { on = "2022-06-30", reason = "调回区住建局" }, 1);
        Assert.Equal(HttpStatusCode.Conflict, (await _org.Post($"/api/organization/pioneer-posts/{post}/retirement", new { on = "2022-07-02", reason = "再次" }, 2)).StatusCode);

        // On 2022-06-30 all three still counted (the appointment's last day); from 2022-07-01 none of them.
        Assert.Equal(before, await Figures("2022-06-30"));
        var after = await Figures("2022-07-01");
        Assert.Equal((before.Zones - 1, before.Posts - 1, before.Instructors - 1), after);
        Assert.Equal(after, await Figures(null));

        var zones = await _org.Get($"/api/organization/responsibility-zones?estateId={estate}");
        Assert.Equal("2022-07-01", zones[0].GetProperty("retiredOn").GetString());
        Assert.Equal(0, (await _org.Get($"/api/organization/pioneer-posts?estateId={estate}&current=true")).GetArrayLength());
        var serving = await _org.Get("/api/organization/instructors?current=true");
        Assert.DoesNotContain(serving.EnumerateArray(), i => i.GetProperty("id").GetGuid() == instructor);
    }

    private async Task<(int Zones, int Posts, int Instructors)> Figures(string? asOf)
    {
        JsonElement summary = await _org.Get(asOf is null ? "/api/organization/summary" : $"/api/organization/summary?asOf={asOf}");
        return (summary.GetProperty("responsibilityZones").GetInt32(), summary.GetProperty("pioneerPosts").GetInt32(), summary.GetProperty("instructors").GetInt32());
    }
}
