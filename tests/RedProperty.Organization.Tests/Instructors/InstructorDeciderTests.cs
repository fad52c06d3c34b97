using RedProperty.BuildingBlocks;
using RedProperty.Organization.Instructors;

namespace RedProperty.Organization.Tests.Instructors;

public sealed class InstructorDeciderTests
{
    private static readonly DateTimeOffset Now = new(2022, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid CompanyA = Guid.NewGuid();
    private static readonly Guid CompanyB = Guid.NewGuid();
    private static readonly DateOnly June = new(2022, 6, 1);

    private static PartyBuildingInstructor Instructor(params Guid[] companies) =>
        companies.Aggregate(
            PartyBuildingInstructor.Create(new InstructorAppointed(Guid.NewGuid(), "马指导员", InstructorSource.DispatchedByIndustry, new(2022, 3, 1), Now)),
            (i, c) => i.Apply(new InstructorAssigned(i.Id, c, new(2022, 3, 1), Now)));

    private static InstructorDetails Details(Guid id, string name, Assignment[] assignments, params Visit[] visits) =>
        new(id, name, InstructorSource.SelectedByCommunity, new(2022, 1, 1), assignments, visits);

    private static Visit VisitTo(Guid company, int day) => new(company, new DateOnly(2022, 6, day), ["党建指导"], 0);

    [Fact]
    public void An_instructor_is_assigned_to_a_company_once() =>
        Assert.Throws<DomainException>(() => AssignInstructorDecider.Decide(Instructor(CompanyA), new AssignInstructor(CompanyA, new(2022, 4, 1)), Now));

    [Fact]
    public void Visits_are_recorded_only_to_assigned_companies_and_not_in_the_future()
    {
        var instructor = Instructor(CompanyA);
        var today = DistrictCalendar.Today(Now);

        Assert.Single(RecordVisitDecider.Decide(instructor, new RecordVisit(CompanyA, today, ["调解物业纠纷"], 1), today, false, Now));
        Assert.Throws<DomainException>(() => RecordVisitDecider.Decide(instructor, new RecordVisit(CompanyB, today, ["党建指导"], 0), today, false, Now));
        Assert.Throws<DomainException>(() => RecordVisitDecider.Decide(instructor, new RecordVisit(CompanyA, today.AddDays(1), ["党建指导"], 0), today, false, Now));
        Assert.Throws<DomainException>(() => RecordVisitDecider.Decide(instructor, new RecordVisit(CompanyA, today, ["党建指导"], 0), today, true, Now));
    }

    [Fact]
    public void Compliance_counts_the_months_visits_per_assigned_company_against_two()
    {
        var id = Guid.NewGuid();
        var details = Details(id, "马指导员",
            [new Assignment(CompanyA, new(2022, 1, 1)), new Assignment(CompanyB, new(2022, 6, 20)), new Assignment(Guid.NewGuid(), new(2022, 7, 1))],
            VisitTo(CompanyA, 3), VisitTo(CompanyA, 28), new Visit(CompanyA, new(2022, 5, 31), ["上月"], 0), VisitTo(CompanyB, 25));

        var rows = VisitCompliance.Evaluate([details], June);

        Assert.Equal(2, rows.Count); // the July assignment does not count for June
        Assert.Equal(new ComplianceRow(id, "马指导员", CompanyA, 2, 2, false), rows[0]);
        Assert.Equal(new ComplianceRow(id, "马指导员", CompanyB, 1, 2, true), rows[1]);
    }

    [Fact]
    public void Closing_a_month_records_each_shortfall_and_only_after_the_month_ended()
    {
        var id = Guid.NewGuid();
        var details = Details(id, "马指导员", [new Assignment(CompanyA, new(2022, 1, 1)), new Assignment(CompanyB, new(2022, 1, 1))], VisitTo(CompanyA, 3), VisitTo(CompanyA, 4));
        var endOfJune = new DateTimeOffset(2022, 6, 30, 23, 59, 59, TimeSpan.FromHours(8));

        Assert.Throws<DomainException>(() => VisitCompliance.Close([details], June, endOfJune));
        var closedAt = endOfJune.AddSeconds(1);
        var events = VisitCompliance.Close([details], June, closedAt);

        Assert.Equal<object>([
            new InstructorMonthClosed("2022-06", 2, closedAt),
            new InstructorVisitsBelowMinimum(id, CompanyB, "2022-06", 0, 2, closedAt),
        ], events);
    }
}
