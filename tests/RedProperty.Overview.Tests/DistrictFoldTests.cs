using RedProperty.Overview.Figures;
using ConsV1 = RedProperty.Contracts.Consultation.V1;
using EvalV1 = RedProperty.Contracts.Evaluation.V1;
using OrgV1 = RedProperty.Contracts.Organization.V1;
using VolV1 = RedProperty.Contracts.Volunteering.V1;

namespace RedProperty.Overview.Tests;

/// <summary>The fold on its own: contracts in, figures out, with the services' definitions.</summary>
public sealed class DistrictFoldTests
{
    private static readonly DateTimeOffset Recorded = new(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Weibin = Guid.CreateVersion7();
    private static readonly Guid Qiaonan = Guid.CreateVersion7();

    private static DistrictFigures Fold(DateOnly day, params object[] events)
    {
        var fold = new DistrictFold(day).Apply(new OrgV1.CommunityRegistered(Weibin, "渭滨社区", Guid.Empty, Recorded), Recorded)
            .Apply(new OrgV1.CommunityRegistered(Qiaonan, "桥南社区", Guid.Empty, Recorded), Recorded);
        foreach (var e in events)
        {
            fold.Apply(e, Recorded);
        }

        return fold.Figures(Recorded, events.Length);
    }

    [Fact]
    public void The_lists_are_the_latest_revision_of_the_latest_period_published_by_the_day()
    {
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7(), c = Guid.CreateVersion7();
        object[] events =
        [
            new OrgV1.PropertyCompanyRegistered(a, "红苑物业", "91620503MA00000001", "麦积区", Recorded),
            new EvalV1.RedListPublished("2022Q1", [a, b], 1, new DateOnly(2022, 4, 5), Recorded),
            new EvalV1.BlackListPublished("2022Q1", [c], 1, new DateOnly(2022, 4, 5), Recorded),
            new EvalV1.RedListPublished("2022H1", [a, b, c], 1, new DateOnly(2022, 7, 5), Recorded),
            new EvalV1.BlackListPublished("2022H1", [b, c], 1, new DateOnly(2022, 7, 5), Recorded),
            new EvalV1.BlackListPublished("2022H1", [c], 2, new DateOnly(2022, 7, 20), Recorded),
        ];

        var april = Fold(new DateOnly(2022, 4, 30), events);
        Assert.Equal(("2022Q1", 2, 1), (april.Period, april.RedListed, april.BlackListed));
        var july = Fold(new DateOnly(2022, 7, 10), events);
        Assert.Equal(("2022H1", 3, 2), (july.Period, july.RedListed, july.BlackListed));
        var later = Fold(new DateOnly(2022, 7, 27), events);
        Assert.Equal(1, later.BlackListed); // the upheld objection's revision
        Assert.Equal("红苑物业", later.RedList.Single(l => l.CompanyId == a).Name);
        Assert.Equal(new DateOnly(2022, 6, 30), Periods.EndOf("2022Q2"));
        Assert.Equal(new DateOnly(2022, 12, 31), Periods.EndOf("2022"));
        Assert.Equal(new DateOnly(2022, 6, 30), Periods.EndOf("2022-06"));
        Assert.Null(Periods.EndOf("2022Q5"));
    }

    [Fact]
    public void Projects_count_communities_by_distinct_estates_and_add_up_spaces_and_households_by_completion_day()
    {
        var estate = Guid.CreateVersion7();
        var figures = Fold(
            new DateOnly(2022, 6, 30),
            new EvalV1.ProjectCompleted(Guid.CreateVersion7(), "smartSecurityUpgrade", estate, Weibin, 300, 0, new DateOnly(2022, 3, 1), Recorded),
            new EvalV1.ProjectCompleted(Guid.CreateVersion7(), "smartSecurityUpgrade", estate, Weibin, 20, 0, new DateOnly(2022, 4, 1), Recorded),
            new EvalV1.ProjectCompleted(Guid.CreateVersion7(), "parkingSpaces", Guid.CreateVersion7(), Qiaonan, 100, 48, new DateOnly(2022, 5, 1), Recorded),
            new EvalV1.ProjectCompleted(Guid.CreateVersion7(), "renovation", Guid.CreateVersion7(), Qiaonan, 200, 0, new DateOnly(2022, 9, 1), Recorded));

        // The first estate's households once (300, of whom the second project's 20), the other's 100; the renovation is after the day.
        Assert.Equal((1, 48, 0, 400), (figures.SmartSecurityCommunities, figures.ParkingSpacesAdded, figures.RenovatedCommunities, figures.HouseholdsBenefiting));
        Assert.Equal(48, figures.Communities.Single(c => c.Name == "桥南社区").ParkingSpacesAdded);
    }

    [Fact]
    public void Heads_count_while_appointed_teams_activities_and_disputes_by_their_days_with_monthly_series()
    {
        var member = Guid.CreateVersion7();
        var appointment = Guid.CreateVersion7();
        object[] events =
        [
            new ConsV1.ConcurrentMemberAppointed(Guid.CreateVersion7(), Weibin, appointment, member, Guid.CreateVersion7(), "member", new DateOnly(2022, 3, 1), null),
            new ConsV1.ConcurrentMemberAppointed(Guid.CreateVersion7(), Qiaonan, Guid.CreateVersion7(), member, Guid.CreateVersion7(), "member", new DateOnly(2022, 3, 1), null),
            new ConsV1.ConcurrentMemberEnded(Guid.CreateVersion7(), Weibin, appointment, member, new DateOnly(2022, 6, 30)),
            new VolV1.VolunteerTeamFormed(Guid.CreateVersion7(), Weibin, "渭滨社区红色物业志愿服务队", new DateOnly(2022, 4, 1), Recorded),
            new VolV1.ActivityHeld(Guid.CreateVersion7(), Weibin, Guid.CreateVersion7(), "stairwellAdverts", new DateOnly(2022, 5, 14), new Dictionary<string, int>(), 5, 12.5m, Recorded),
            new VolV1.ActivityHeld(Guid.CreateVersion7(), Weibin, Guid.CreateVersion7(), "greening", new DateOnly(2022, 6, 2), new Dictionary<string, int>(), 3, 6m, Recorded),
            new VolV1.DisputeMediated(Guid.CreateVersion7(), Qiaonan, "agreed", new DateOnly(2022, 6, 20), Recorded, Resolved: true),
            // Agreed, but the return visit found the agreement broken; and one from before "resolved" was sent: mediated, not resolved.
            new VolV1.DisputeMediated(Guid.CreateVersion7(), Qiaonan, "agreed", new DateOnly(2022, 6, 21), Recorded, Resolved: false),
            new VolV1.DisputeMediated(Guid.CreateVersion7(), Weibin, "notAgreed", new DateOnly(2022, 6, 22), Recorded),
            new EvalV1.ComplaintFiled(Guid.CreateVersion7(), "sanitation", null, Weibin, null, new DateOnly(2022, 5, 3), Recorded),
            new OrgV1.InstructorVisitRecorded(Guid.CreateVersion7(), Guid.CreateVersion7(), new DateOnly(2022, 6, 8), ["党建指导"], 1),
        ];

        var june = Fold(new DateOnly(2022, 6, 30), events);
        Assert.Equal((1, 1, 2, 3, 1), (june.ConcurrentCompanyHeads, june.VolunteerTeams, june.ActivitiesHeld, june.DisputesMediated, june.DisputesResolved)); // one member, two committees
        Assert.Equal(
            [("2022-05", 1, 0, 1, 0, 0), ("2022-06", 0, 1, 1, 3, 1)],
            june.Monthly.Select(m => (m.Month, m.ComplaintsFiled, m.InstructorVisits, m.ActivitiesHeld, m.DisputesMediated, m.DisputesResolved)));
        Assert.Equal((2, 1), june.Communities.Single(c => c.Name == "桥南社区") is var qiaonan ? (qiaonan.DisputesMediated, qiaonan.DisputesResolved) : default);
        Assert.Equal(2, june.Communities.Single(c => c.Name == "渭滨社区").ActivitiesHeld);

        var may = Fold(new DateOnly(2022, 5, 31), events);
        Assert.Equal((1, 1, 1, 0, 0), (may.ConcurrentCompanyHeads, may.VolunteerTeams, may.ActivitiesHeld, may.DisputesMediated, may.DisputesResolved));
        Assert.Equal(1, Fold(new DateOnly(2022, 7, 1), events).ConcurrentCompanyHeads); // still on 桥南's committee
        Assert.Equal(0, Fold(new DateOnly(2022, 2, 28), events).ConcurrentCompanyHeads);
    }

    [Fact]
    public void Members_count_from_probationary_until_they_leave_and_forming_companies_need_members_and_no_branch()
    {
        Guid company = Guid.CreateVersion7(), other = Guid.CreateVersion7(), applicant = Guid.CreateVersion7(), leaver = Guid.CreateVersion7(), branch = Guid.CreateVersion7();
        object[] events =
        [
            new OrgV1.PartyMemberJoinedCompany(Guid.CreateVersion7(), company, "", "hired", "full", Recorded, "staff", new DateOnly(2022, 3, 1)),
            new OrgV1.PartyMemberJoinedCompany(applicant, other, "", "developed", "applicant", Recorded, "staff", new DateOnly(2022, 3, 1)),
            new OrgV1.PartyMemberJoinedCompany(leaver, other, "", "hired", "probationary", Recorded, "staff", new DateOnly(2022, 3, 1)),
            new OrgV1.PartyMemberLeftCompany(leaver, other, Recorded, new DateOnly(2022, 6, 30)),
            new OrgV1.PartyBranchPlanned(branch, "联合党支部", "joint", [company, other], null, "行业党委", Recorded, new DateOnly(2022, 4, 1)),
            new OrgV1.PartyBranchFormingStarted(branch, [company, other], Recorded, new DateOnly(2022, 5, 1)),
        ];

        var april = Fold(new DateOnly(2022, 4, 30), events);
        Assert.Equal((2, 2, 0), (april.PartyMembers, april.CompaniesWithMembers, april.CompaniesForming)); // planned, not forming yet
        var may = Fold(new DateOnly(2022, 5, 31), events);
        Assert.Equal(2, may.CompaniesForming);
        var july = Fold(new DateOnly(2022, 7, 1), events);
        Assert.Equal((1, 1, 1), (july.PartyMembers, july.CompaniesWithMembers, july.CompaniesForming)); // the applicant does not count
    }
}
