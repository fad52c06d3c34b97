using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using RedProperty.Testing;

namespace RedProperty.Volunteering.Tests;

/// <summary>The one-month target of mediation (own clock: the test moves it on by weeks).</summary>
public sealed class DisputeOverdueTests(VolunteeringFixture fixture) : IClassFixture<VolunteeringFixture>
{
    private ApiClient Admin => fixture.Admin;

    [Fact]
    public async Task A_dispute_open_after_a_month_is_overdue_and_escalated_once()
    {
        var dispute = await Admin.Create("/api/volunteering/disputes", new { communityId = fixture.Qiaonan, parties = new[] { "王某", "赵某" }, summary = "占用楼道停放电动车", source = "instructor" });
        await Admin.Change($"/api/volunteering/disputes/{dispute}/triage", new { accept = true }, 1);
        fixture.AdvanceTo(new DateTimeOffset(2022, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        var escalated = await Eventually.Get(async () => await Admin.Get($"/api/volunteering/disputes/{dispute}") is var d && d.GetProperty("escalated").GetBoolean() ? d : (JsonElement?)null,
            what: "the dispute escalated");
        Assert.True(escalated!.Value.GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.Post($"/api/volunteering/disputes/{dispute}/escalation", new { reason = "再次" }, escalated.Value.GetProperty("version").GetInt64())).StatusCode);

        // Further passes, days later, add nothing: registered, triaged, overdue, escalated, and no more.
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await Disputes.OverdueDisputes.RaiseAsync(store, new DateTimeOffset(2022, 7, 5, 9, 0, 0, TimeSpan.FromHours(8)), CancellationToken.None);
        await Disputes.OverdueDisputes.RaiseAsync(store, new DateTimeOffset(2022, 8, 1, 9, 0, 0, TimeSpan.FromHours(8)), CancellationToken.None);
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(dispute);
        Assert.Single(events, e => e.Data is Disputes.DisputeEscalated);
        Assert.Single(events, e => e.Data is Disputes.DisputeOverdue);
    }
}
