using Consultation = RedProperty.Contracts.Consultation.V1;
using Evaluation = RedProperty.Contracts.Evaluation.V1;
using Organization = RedProperty.Contracts.Organization.V1;
using Volunteering = RedProperty.Contracts.Volunteering.V1;

namespace RedProperty.Overview.Figures;

/// <summary>
/// The district's figures folded from the public events, as of a day by the dates things happened,
/// with the same definitions as the services' own summaries: a party member counts from probationary
/// on until they leave; a company is "forming" when it has members, no established branch and a branch
/// being formed; the lists are the latest revision of the latest period published by then; a project
/// counts by its completion day, communities by distinct estates; a dispute counts as mediated when closed
/// after a mediation session. Pure: events in, figures out.
/// </summary>
public sealed class DistrictFold(DateOnly day)
{
    private static readonly string[] MemberStages = ["probationary", "full"];

    private readonly Dictionary<Guid, string> _communities = [];
    private readonly Dictionary<Guid, string> _companies = [];
    private readonly Dictionary<Guid, Guid> _estateCommunity = [];
    private readonly Dictionary<Guid, Member> _members = [];
    private readonly Dictionary<Guid, Branch> _branches = [];
    private readonly Dictionary<Guid, (DateOnly From, DateOnly? To)> _instructors = [];
    private readonly Dictionary<Guid, Guid> _zones = [];
    private readonly Dictionary<Guid, Guid> _posts = [];
    private readonly Dictionary<Guid, Appointment> _appointments = [];
    private readonly Dictionary<string, Listing> _redLists = [];
    private readonly Dictionary<string, Listing> _blackLists = [];
    private readonly List<Evaluation.ProjectCompleted> _projects = [];
    // Counted as they come, per community and per month, not kept one by one: a city-year holds ~150,000 complaints.
    private readonly Dictionary<Guid, Counts> _byCommunity = [];
    private readonly SortedDictionary<string, Counts> _byMonth = new(StringComparer.Ordinal);
    private readonly Counts _total = new();

    /// <summary>What is counted per community, per month and in all.</summary>
    private sealed class Counts
    {
        public int Teams { get; set; }

        public int Activities { get; set; }

        public int Disputes { get; set; }

        public int DisputesResolved { get; set; }

        public int Complaints { get; set; }

        public int Meetings { get; set; }

        public int Visits { get; set; }
    }

    private sealed record Member(Guid CompanyId, string Stage, bool Left)
    {
        public bool Counts => !Left && MemberStages.Contains(Stage);
    }

    private sealed record Branch(string Status, IReadOnlyList<Guid> CompanyIds);

    private sealed record Appointment(Guid CommunityId, Guid MemberId, DateOnly From, DateOnly? To);

    private sealed record Listing(int Revision, DateOnly PublishedOn, IReadOnlyList<Guid> CompanyIds);

    public DistrictFold Apply(object contract, DateTimeOffset time)
    {
        var happened = DistrictCalendar.Today(time);
        switch (contract)
        {
            case Organization.CommunityRegistered e: _communities[e.CommunityId] = e.Name; break;
            case Organization.EstateRegistered e: _estateCommunity[e.EstateId] = e.CommunityId; break;
            case Organization.PropertyCompanyRegistered e: _companies[e.CompanyId] = e.Name; break;
            case Organization.PropertyCompanyUpdated e: _companies[e.CompanyId] = e.Name; break;
            case Organization.PartyMemberJoinedCompany e when On(e.JoinedOn ?? DistrictCalendar.Today(e.JoinedAt)):
                _members[e.MemberId] = new Member(e.CompanyId, e.Stage, false);
                break;
            case Organization.PartyMemberStageReached e when On(e.On) && _members.TryGetValue(e.MemberId, out var m):
                _members[e.MemberId] = m with { Stage = e.Stage };
                break;
            case Organization.PartyMemberMovedCompany e when On(e.On) && _members.TryGetValue(e.MemberId, out var m):
                _members[e.MemberId] = m with { CompanyId = e.ToCompanyId, Left = false };
                break;
            case Organization.PartyMemberLeftCompany e when On(e.LeftOn ?? DistrictCalendar.Today(e.LeftAt)) && _members.TryGetValue(e.MemberId, out var m):
                _members[e.MemberId] = m with { Left = true };
                break;
            case Organization.PartyBranchPlanned e when On(e.PlannedOn ?? DistrictCalendar.Today(e.PlannedAt)): _branches[e.BranchId] = new Branch("planned", e.CompanyIds); break;
            case Organization.PartyBranchFormingStarted e when On(e.On ?? DistrictCalendar.Today(e.StartedAt)): _branches[e.BranchId] = new Branch("forming", e.CompanyIds); break;
            case Organization.PartyBranchEstablished e when On(e.ApprovedOn): _branches[e.BranchId] = new Branch("established", e.CompanyIds); break;
            case Organization.PartyBranchReforming e when On(happened) && _branches.TryGetValue(e.BranchId, out var b): _branches[e.BranchId] = b with { Status = "forming" }; break;
            case Organization.PartyBranchDissolved e when On(e.On ?? DistrictCalendar.Today(e.DissolvedAt)): _branches.Remove(e.BranchId); break;
            case Organization.InstructorAppointed e when On(e.AppointedOn): _instructors[e.InstructorId] = (e.AppointedOn, null); break;
            case Organization.InstructorAppointmentEnded e when _instructors.TryGetValue(e.InstructorId, out var i): _instructors[e.InstructorId] = i with { To = e.On }; break;
            case Organization.InstructorVisitRecorded e when On(e.On): Count(null, e.On, c => c.Visits++); break;
            case Organization.ResponsibilityZoneDesignated e when On(e.DesignatedOn ?? DistrictCalendar.Today(e.DesignatedAt)): _zones[e.ZoneId] = e.EstateId; break;
            case Organization.ResponsibilityZoneRetired e when On(e.On): _zones.Remove(e.ZoneId); break;
            case Organization.PioneerPostDesignated e when On(e.DesignatedOn ?? DistrictCalendar.Today(e.DesignatedAt)): _posts[e.PostId] = e.EstateId; break;
            case Organization.PioneerPostRetired e when On(e.On): _posts.Remove(e.PostId); break;
            case Consultation.ConcurrentMemberAppointed e when On(e.From):
                _appointments[e.AppointmentId] = new Appointment(e.CommunityId, e.PartyMemberId, e.From, e.To);
                break;
            case Consultation.ConcurrentMemberEnded e when On(e.On) && _appointments.TryGetValue(e.AppointmentId, out var a):
                _appointments[e.AppointmentId] = a with { To = e.On };
                break;
            case Consultation.MeetingHeld e when On(e.HeldOn): Count(e.CommunityId, null, c => c.Meetings++); break;
            case Evaluation.ComplaintFiled e when On(e.FiledOn): Count(e.CommunityId, e.FiledOn, c => c.Complaints++); break;
            case Evaluation.RedListPublished e when On(e.PublishedOn): List(_redLists, e.Period, new Listing(e.Revision, e.PublishedOn, e.CompanyIds)); break;
            case Evaluation.BlackListPublished e when On(e.PublishedOn): List(_blackLists, e.Period, new Listing(e.Revision, e.PublishedOn, e.CompanyIds)); break;
            case Evaluation.ProjectCompleted e when On(e.CompletedOn): _projects.RemoveAll(p => p.ProjectId == e.ProjectId); _projects.Add(e); break;
            case Volunteering.VolunteerTeamFormed e when On(e.FormedOn): Count(e.CommunityId, null, c => c.Teams++); break;
            case Volunteering.ActivityHeld e when On(e.HeldOn): Count(e.CommunityId, e.HeldOn, c => c.Activities++); break;
            case Volunteering.DisputeMediated e when On(e.ClosedOn):
                Count(e.CommunityId, e.ClosedOn, c =>
                {
                    c.Disputes++;
                    c.DisputesResolved += e.Resolved == true ? 1 : 0;
                });
                break;
        }

        return this;
    }

    private bool On(DateOnly happened) => happened <= day;

    /// <summary>Counts a fact in all, in its community (when it has one) and in its month (when it is in the monthly series).</summary>
    private void Count(Guid? community, DateOnly? on, Action<Counts> add)
    {
        add(_total);
        if (community is { } id)
        {
            add(_byCommunity.TryGetValue(id, out var counts) ? counts : _byCommunity[id] = new Counts());
        }

        if (on is { } happened)
        {
            var month = Month(happened);
            add(_byMonth.TryGetValue(month, out var counts) ? counts : _byMonth[month] = new Counts());
        }
    }

    private static void List(Dictionary<string, Listing> lists, string period, Listing listing)
    {
        if (!lists.TryGetValue(period, out var known) || known.Revision < listing.Revision)
        {
            lists[period] = listing;
        }
    }

    public DistrictFigures Figures(DateTimeOffset asOf, long position)
    {
        var counting = _members.Values.Where(m => m.Counts).ToList();
        var withMembers = counting.Select(m => m.CompanyId).ToHashSet();
        var covered = _branches.Values.Where(b => b.Status == "established").SelectMany(b => b.CompanyIds).ToHashSet();
        var forming = _branches.Values.Where(b => b.Status == "forming").SelectMany(b => b.CompanyIds).ToHashSet();
        var heads = _appointments.Values.Where(a => a.From <= day && (a.To is null || day <= a.To)).ToList();
        var period = Periods.Latest(_redLists.Keys.Union(_blackLists.Keys));
        var red = period is null ? [] : _redLists.GetValueOrDefault(period)?.CompanyIds ?? [];
        var black = period is null ? [] : _blackLists.GetValueOrDefault(period)?.CompanyIds ?? [];
        var totals = ProjectFigures.Of(_projects);

        var communities = _communities
            .Select(c => Community(c.Key, c.Value, heads))
            .Where(c => c.HasAny)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var months = _byMonth
            .Select(m => new MonthFigures(m.Key, m.Value.Complaints, m.Value.Visits, m.Value.Activities, m.Value.Disputes) { DisputesResolved = m.Value.DisputesResolved })
            .ToList();

        return new DistrictFigures(
            asOf, position,
            counting.Count, withMembers.Count, _branches.Values.Count(b => b.Status == "established"),
            withMembers.Count(c => !covered.Contains(c) && forming.Contains(c)),
            heads.Select(h => h.MemberId).Distinct().Count(),
            _instructors.Values.Count(i => i.From <= day && (i.To is null || day <= i.To)),
            _zones.Count, _posts.Count, red.Count, black.Count,
            totals.SmartSecurityCommunities, totals.ParkingSpacesAdded, totals.RenovatedCommunities, totals.HouseholdsBenefiting,
            _total.Teams, _total.Activities, _total.Disputes,
            _total.Complaints, _total.Visits, _total.Meetings,
            period, [.. red.Select(Listed)], [.. black.Select(Listed)], communities, months, ReportFigures.Maiji2022)
        {
            DisputesResolved = _total.DisputesResolved,
        };
    }

    private CommunityFigures Community(Guid id, string name, IReadOnlyList<Appointment> heads)
    {
        var projects = ProjectFigures.Of(_projects.Where(p => p.CommunityId == id));
        var counts = _byCommunity.GetValueOrDefault(id) ?? new Counts();
        return new CommunityFigures(
            id, name,
            heads.Where(h => h.CommunityId == id).Select(h => h.MemberId).Distinct().Count(),
            _zones.Values.Count(e => _estateCommunity.GetValueOrDefault(e) == id),
            _posts.Values.Count(e => _estateCommunity.GetValueOrDefault(e) == id),
            projects.SmartSecurityCommunities, projects.ParkingSpacesAdded, projects.RenovatedCommunities, projects.HouseholdsBenefiting,
            counts.Teams, counts.Activities, counts.Disputes, counts.Complaints, counts.Meetings)
        {
            DisputesResolved = counts.DisputesResolved,
        };
    }

    private ListedCompany Listed(Guid id) => new(id, _companies.GetValueOrDefault(id));

    private static string Month(DateOnly day) => $"{day.Year:D4}-{day.Month:D2}";
}

/// <summary>What completed projects add up to (the same rules as Evaluation's project totals).</summary>
public sealed record ProjectFigures(int SmartSecurityCommunities, int ParkingSpacesAdded, int RenovatedCommunities, int HouseholdsBenefiting)
{
    public static ProjectFigures Of(IEnumerable<Evaluation.ProjectCompleted> completed)
    {
        var done = completed.ToList();
        return new ProjectFigures(
            done.Where(p => p.Kind == "smartSecurityUpgrade").Select(p => p.EstateId).Distinct().Count(),
            done.Where(p => p.Kind == "parkingSpaces").Sum(p => p.ParkingSpaces),
            done.Where(p => p.Kind == "renovation").Select(p => p.EstateId).Distinct().Count(),
            DistinctHouseholds.Of(done.Select(p => (p.EstateId, p.HouseholdsBenefiting))));
    }
}

/// <summary>Evaluation periods by their code: 2022Q2, 2022H1, 2022 or 2022-06; the latest ends last.</summary>
public static class Periods
{
    public static string? Latest(IEnumerable<string> periods) =>
        periods.Select(p => (Code: p, End: EndOf(p))).Where(p => p.End is not null).OrderBy(p => p.End).ThenBy(p => p.Code.Length).LastOrDefault().Code;

    public static DateOnly? EndOf(string code)
    {
        if (code.Length < 4 || !int.TryParse(code[..4], out var year))
        {
            return null;
        }

        var rest = code[4..];
        var lastMonth = rest switch
        {
            "" => 12,
            ['Q', var q and >= '1' and <= '4'] => (q - '0') * 3,
            ['H', var h and >= '1' and <= '2'] => (h - '0') * 6,
            ['-', _, _] when int.TryParse(rest[1..], out var month) && month is >= 1 and <= 12 => month,
            _ => 0,
        };
        return lastMonth == 0 ? null : new DateOnly(year, lastMonth, DateTime.DaysInMonth(year, lastMonth));
    }
}
