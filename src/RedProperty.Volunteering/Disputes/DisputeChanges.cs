using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Disputes;

/// <summary>How every dispute change after registration is saved, shared by the change endpoints so the hours rule is in one place.</summary>
internal static class DisputeChanges
{
    /// <summary>Dispute events go to the dispute; volunteers' hours (mediation sessions) to each volunteer's record, in the same transaction.</summary>
    public static async Task<Ok<DisputeDetails>> Change(
        IDocumentSession session, Guid id, ExpectedVersion expected, HttpContext http, Func<Dispute, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        await KnownPlaces.RequireScoped<DisputeDetails>(http.User, session, id, d => d.CommunityId, cancellationToken);
        return await session.Change<Dispute, DisputeDetails>(id, expected, dispute =>
        {
            var events = decide(dispute);
            foreach (var hours in events.OfType<VolunteerHoursRecorded>())
            {
                session.Events.Append(hours.VolunteerId, hours);
            }

            return [.. events.Where(e => e is not VolunteerHoursRecorded)];
        }, http.Response, cancellationToken);
    }
}
