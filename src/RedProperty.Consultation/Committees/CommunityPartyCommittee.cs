namespace RedProperty.Consultation.Committees;

// A community's "big party committee" (社区大党委), stream id = committee id. Heads of property
// companies who are party members serve on it concurrently (兼任委员).

public enum CommitteePosition
{
    Secretary,
    DeputySecretary,
    Member,
}

public sealed record CommitteeFormed(Guid CommitteeId, Guid CommunityId, string Name, DateOnly TermFrom, DateOnly TermTo, DateTimeOffset FormedAt) : IDatedFact
{
    public DateOnly TookEffectOn() => TermFrom;
}

/// <param name="PartyMemberId">The party member (Organization's id) when the member heads a property company: a concurrent member.</param>
public sealed record CommitteeMemberAppointed(
    Guid CommitteeId, Guid CommunityId, Guid AppointmentId, string Name, CommitteePosition Position, DateOnly From, DateOnly? To, Guid? PartyMemberId, Guid? CompanyId,
    DateTimeOffset AppointedAt) : IDatedFact
{
    public bool Concurrent => PartyMemberId is not null;

    public DateOnly TookEffectOn() => From;
}

/// <summary>A concurrent member erased in Organization (PIPL art. 47): the name in their appointments goes, the appointments stay.</summary>
public sealed record ConcurrentMemberNameErased(Guid CommitteeId, Guid PartyMemberId, DateTimeOffset ErasedAt);

public sealed record CommitteeMemberAppointmentEnded(Guid CommitteeId, Guid CommunityId, Guid AppointmentId, Guid? PartyMemberId, DateOnly On, DateTimeOffset EndedAt) : IDatedFact
{
    /// <summary>Why, when the appointment did not end by the committee's own decision (see <see cref="ConcurrentAppointments"/>).</summary>
    public string? Reason { get; init; }

    public DateOnly TookEffectOn() => On;
}

public sealed record Appointment(Guid Id, string Name, CommitteePosition Position, DateOnly From, DateOnly? To, Guid? PartyMemberId, Guid? CompanyId)
{
    public bool Overlaps(DateOnly from, DateOnly? to) => From <= (to ?? DateOnly.MaxValue) && from <= (To ?? DateOnly.MaxValue);

    public bool Covers(DateOnly day) => DistrictCalendar.Covers(From, To, day);

    /// <summary>Why it ended, when not by the committee's own decision (the member left the company or the head role).</summary>
    public string? EndReason { get; init; }
}

public sealed record CommunityPartyCommittee(Guid Id, Guid CommunityId, DateOnly TermFrom, DateOnly TermTo, IReadOnlyList<Appointment> Appointments)
{
    public static CommunityPartyCommittee Create(CommitteeFormed e) => new(e.CommitteeId, e.CommunityId, e.TermFrom, e.TermTo, []);

    public CommunityPartyCommittee Apply(CommitteeMemberAppointed e) =>
        this with { Appointments = [.. Appointments, new Appointment(e.AppointmentId, e.Name, e.Position, e.From, e.To, e.PartyMemberId, e.CompanyId)] };

    public CommunityPartyCommittee Apply(CommitteeMemberAppointmentEnded e) =>
        this with { Appointments = [.. Appointments.Select(a => a.Id == e.AppointmentId ? a with { To = e.On } : a)] };
}

/// <summary>One committee per community: this document's id is the community's.</summary>
public sealed record CommitteeOfCommunity(string Id, Guid CommitteeId);
