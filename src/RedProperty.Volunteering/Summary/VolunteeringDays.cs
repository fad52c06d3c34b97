using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Summary;

/// <summary>What a district day adds to the volunteering summary: teams formed, activities held, hours served, disputes mediated and resolved.</summary>
public sealed class VolunteeringDay : DayCounts
{
    public int TeamsFormed { get; set; }

    public int ActivitiesHeld { get; set; }

    public decimal VolunteerHours { get; set; }

    public int DisputesMediated { get; set; }

    public int DisputesResolved { get; set; }
}

public sealed class VolunteeringDaysProjection : DayCountsProjection<VolunteeringDay>
{
    public VolunteeringDaysProjection()
    {
        CountOn<TeamFormed>(e => e.FormedOn);
        CountOn<ActivityHeld>(e => e.HeldOn);
        CountOn<VolunteerHoursRecorded>(e => e.On);
        CountOn<DisputeClosed>(e => e.On);
    }

    public VolunteeringDay Apply(TeamFormed e, VolunteeringDay day) => Count(day, e, d => d.TeamsFormed++);

    public VolunteeringDay Apply(ActivityHeld e, VolunteeringDay day) => Count(day, e, d => d.ActivitiesHeld++);

    public VolunteeringDay Apply(VolunteerHoursRecorded e, VolunteeringDay day) => Count(day, e, d => d.VolunteerHours += e.Hours);

    public VolunteeringDay Apply(DisputeClosed e, VolunteeringDay day) => Count(day, e, d =>
    {
        d.DisputesMediated += e.Mediated ? 1 : 0;
        d.DisputesResolved += e.Resolved ? 1 : 0;
    });
}
