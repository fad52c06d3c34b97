using Marten.Events.Aggregation;
using RedProperty.Consultation.Places;

namespace RedProperty.Consultation.Committees;

public sealed record CommitteeDetails(Guid Id, Guid CommunityId, string Name, DateOnly TermFrom, DateOnly TermTo) : IVersioned
{
    public IReadOnlyList<Appointment> Appointments { get; init; } = [];

    public long Version { get; set; }

    public static CommitteeDetails Create(CommitteeFormed e) => new(e.CommitteeId, e.CommunityId, e.Name, e.TermFrom, e.TermTo) { Version = 1 };
}

public sealed class CommitteeDetailsProjection : SingleStreamProjection<CommitteeDetails, Guid>
{
    public static CommitteeDetails Create(CommitteeFormed e) => CommitteeDetails.Create(e);

    public static CommitteeDetails Apply(CommitteeMemberAppointed e, CommitteeDetails c) =>
        c with { Appointments = [.. c.Appointments, new Appointment(e.AppointmentId, e.Name, e.Position, e.From, e.To, e.PartyMemberId, e.CompanyId)] };

    /// <summary>A concurrent member erased in Organization: their name goes, the appointment (and every count) stays.</summary>
    public static CommitteeDetails Apply(ConcurrentMemberNameErased e, CommitteeDetails c) =>
        c with { Appointments = [.. c.Appointments.Select(a => a.PartyMemberId == e.PartyMemberId ? a with { Name = PersonalData.Erased } : a)] };

    public static CommitteeDetails Apply(CommitteeMemberAppointmentEnded e, CommitteeDetails c) =>
        c with { Appointments = [.. c.Appointments.Select(a => a.Id == e.AppointmentId ? a with { To = e.On, EndReason = e.Reason } : a)] };
}

/// <summary>Party-member heads of property companies serving concurrently on a committee on a day, each counted once.</summary>
public static class ConcurrentHeads
{
    public static async Task<IReadOnlyList<Appointment>> OnAsync(IQuerySession session, DateOnly day, Guid? community, CancellationToken cancellationToken)
    {
        var query = session.Query<CommitteeDetails>().AsQueryable();
        if (community is { } c)
        {
            query = query.Where(x => x.CommunityId == c);
        }

        var committees = await query.ToListAsync(cancellationToken);
        return [.. committees.SelectMany(x => x.Appointments).Where(a => a.PartyMemberId is not null && a.Covers(day)).DistinctBy(a => a.PartyMemberId)];
    }
}

/// <summary>A community's staff reach their own community's committee, parties and meetings; outside it, 404.</summary>
public static class CommunityScope
{
    public static Guid? Limit(HttpContext http) => CommunityScopes.Limit(http.User);

    public static void Require(HttpContext http, Guid community) => CommunityScopes.Require(http.User, community);
}

public static class CommitteeScope
{
    public static async Task Require(HttpContext http, IQuerySession session, Guid committeeId, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<CommitteeDetails>(committeeId, cancellationToken) is not { } committee)
        {
            throw new ResourceNotFoundException($"No committee with id {committeeId}.");
        }

        CommunityScope.Require(http, committee.CommunityId);
    }
}
