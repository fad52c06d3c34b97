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
        // Assigned from the 20th: 11 of June's 30 days owe ⌈2 × 11 ÷ 30⌉ = 1 visit.
        Assert.Equal(new ComplianceRow(id, "马指导员", CompanyB, 1, 1, false), rows[1]);
    }

    [Theory]
    [InlineData(30, 30, 2)]
    [InlineData(15, 30, 1)]
    [InlineData(16, 30, 2)]
    [InlineData(1, 31, 1)]
    [InlineData(0, 30, 0)]
    public void Part_of_a_month_owes_visits_pro_rata(int days, int daysInMonth, int owed) =>
        Assert.Equal(owed, VisitCompliance.Owed(days, daysInMonth));

    [Fact]
    public void Visits_count_only_inside_the_assignment_and_once_a_day()
    {
        var id = Guid.NewGuid();
        var ended = Details(id, "马指导员", [new Assignment(CompanyA, new(2022, 1, 1), new(2022, 6, 10))], VisitTo(CompanyA, 3), VisitTo(CompanyA, 20));
        Assert.Equal(new ComplianceRow(id, "马指导员", CompanyA, 1, 1, false), Assert.Single(VisitCompliance.Evaluate([ended], June)));

        var instructor = Instructor(CompanyA);
        var today = DistrictCalendar.Today(Now);
        var visited = instructor.Apply(new InstructorVisitRecorded(instructor.Id, CompanyA, today, ["党建指导"], 0, Now));
        Assert.Throws<DomainException>(() => RecordVisitDecider.Decide(visited, new RecordVisit(CompanyA, today, ["再次"], 0), today, false, Now));
        var before = Assert.Throws<DomainException>(() => RecordVisitDecider.Decide(instructor, new RecordVisit(CompanyA, new(2022, 2, 28), ["早于指派"], 0), today, false, Now));
        Assert.Contains("not assigned", before.Message);
    }

    [Fact]
    public void Ending_an_appointment_ends_its_open_assignments_and_nothing_is_assigned_after()
    {
        var instructor = Instructor(CompanyA, CompanyB);
        instructor = instructor.Apply((InstructorAssignmentEnded)Assert.Single(AssignInstructorDecider.Decide(instructor, new EndAssignment(CompanyB, new(2022, 5, 31)), Now)));
        Assert.Throws<DomainException>(() => AssignInstructorDecider.Decide(instructor, new EndAssignment(CompanyB, new(2022, 6, 1)), Now));

        var events = AppointInstructorDecider.Decide(instructor, new EndAppointment(new(2022, 6, 10), "调回区住建局"), Now);
        Assert.Equal(CompanyA, Assert.IsType<InstructorAssignmentEnded>(events[0]).CompanyId);
        var ended = events.Aggregate(instructor, (i, e) => e switch
        {
            InstructorAssignmentEnded a => i.Apply(a),
            InstructorAppointmentEnded a => i.Apply(a),
            _ => i,
        });
        Assert.Throws<DomainException>(() => AssignInstructorDecider.Decide(ended, new AssignInstructor(CompanyB, new(2022, 6, 11)), Now));
        Assert.Throws<DomainException>(() => AppointInstructorDecider.Decide(ended, new EndAppointment(new(2022, 6, 12), "再次"), Now));
        Assert.Throws<DomainException>(() => AppointInstructorDecider.Decide(instructor, new EndAppointment(new(2022, 2, 1), "早于任命"), Now));
    }

    [Fact]
    public void Closing_a_month_records_each_shortfall_and_only_after_the_month_ended()
    {
        var id = Guid.NewGuid();
        var details = Details(id, "马指导员", [new Assignment(CompanyA, new(2022, 1, 1)), new Assignment(CompanyB, new(2022, 1, 1))], VisitTo(CompanyA, 3), VisitTo(CompanyA, 4));
        var endOfJune = new DateTimeOffset(2022, 6, 30, 23, 59, 59, TimeSpan.FromHours(8));

        Assert.Throws<DomainException>(() => CloseVisitMonthDecider.Decide([details], June, endOfJune));
        var closedAt = endOfJune.AddSeconds(1);
        var events = CloseVisitMonthDecider.Decide([details], June, closedAt);

        Assert.Equal<object>([
            new InstructorMonthClosed("2022-06", 2, closedAt),
            new InstructorVisitsBelowMinimum(id, CompanyB, "2022-06", 0, 2, closedAt),
        ], events);
    }
}
