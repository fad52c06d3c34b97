using System.Security.Claims;
using RedProperty.Volunteering.Places;
using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Volunteers;

/// <summary>
/// Erase a volunteer's personal data on their request (PIPL art. 47): name, phone and ID tail, in the
/// events and read models. The keyed hash of the ID number goes too. The hours, the stars and every count
/// stay. A party member erased in Organization is erased here as well (<see cref="PartyMemberErasedConsumer"/>).
/// </summary>
public static class VolunteerErasure
{
    /// <summary>The keyed hash of the ID number goes with the volunteer's personal data.</summary>
    public static void DropPersonKey(IDocumentSession session, Guid volunteerId) => session.DeleteWhere<VolunteerPerson>(p => p.VolunteerId == volunteerId);

    /// <summary>Stage the erasure of <paramref name="volunteerId"/> in <paramref name="session"/>; mask its stream after the commit.</summary>
    public static async Task StageAsync(IDocumentSession session, Guid volunteerId, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DropPersonKey(session, volunteerId);
        await PersonalData.StageErasureAsync(session, volunteerId, volunteerId, by, now, cancellationToken);
    }
}

public static class EraseVolunteerEndpoint
{
    public static Task<Results<NoContent, NotFound>> Handle(
        Guid id, IDocumentSession session, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken) =>
        session.EraseAsync<VolunteerDetails>(id, user, time, cancellationToken, () => VolunteerErasure.DropPersonKey(session, id));
}

/// <summary>
/// A party member erased in Organization: the name kept here goes, and so does any volunteer record of the
/// same person. Each volunteer erased this way is in the audit trail, by the system.
/// </summary>
public sealed class PartyMemberErasedConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberErased>(inbox)
{
    private const string By = "system:organization";

    protected override async Task Apply(V1.PartyMemberErased message, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<PartyMemberEntry>(message.MemberId, cancellationToken) is { } entry)
        {
            session.Store(entry with { Name = PersonalData.Erased });
        }

        var now = Inbox.Time.GetUtcNow();
        foreach (var volunteer in await Volunteers(session, message.MemberId, cancellationToken))
        {
            await VolunteerErasure.StageAsync(session, volunteer, By, now, cancellationToken);
            session.Insert(new AuditRecord(
                Guid.CreateVersion7(now), AuditKinds.Change, By, "Organization", [], "erasure: volunteer (party member erased)",
                $"{V1.PartyMemberErased.MessageName} {message.MemberId}", null, null, System.Diagnostics.Activity.Current?.TraceId.ToString(), now));
        }
    }

    protected override async Task AfterCommit(V1.PartyMemberErased message, CancellationToken cancellationToken)
    {
        await using var session = Inbox.Store.QuerySession();
        foreach (var volunteer in await Volunteers(session, message.MemberId, cancellationToken))
        {
            await PersonalData.MaskAsync(Inbox.Store, volunteer, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<Guid>> Volunteers(IQuerySession session, Guid memberId, CancellationToken cancellationToken) =>
        await session.Query<VolunteerDetails>().Where(v => v.PartyMemberId == memberId).Select(v => v.Id).ToListAsync(cancellationToken);
}
