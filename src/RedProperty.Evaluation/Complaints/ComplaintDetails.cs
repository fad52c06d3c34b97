using Marten.Events.Aggregation;
using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.Evaluation.Complaints;

/// <summary>One step of a complaint's history: its status from then on, who, and the note given.</summary>
public sealed record ComplaintStep(ComplaintStatus Status, DateTimeOffset At, string? By, string? Note);

/// <summary>
/// A complaint as operators and companies see it, with its whole history; updated inline, so a caller
/// reads its own write. The complainant appears masked (王**); the contact details are in
/// <see cref="ComplaintContact"/>, read only through the audited endpoint.
/// </summary>
public sealed record ComplaintDetails(
    Guid Id, string ServiceCode, string Description, ComplaintLocation Location, Guid? CompanyId, ComplaintStatus Status,
    string? ComplainantMasked, string Channel, string? MediaUrl, IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset FiledAt, DateTimeOffset DueAt, DateTimeOffset UpdatedAt) : IVersioned
{
    public bool Overdue { get; init; }

    public int? Satisfaction { get; init; }

    public string? SatisfactionComment { get; init; }

    public Ruling? Ruling { get; init; }

    public Guid? DuplicateOf { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The account that filed it (see <see cref="ComplaintFiled.FiledBy"/>): an API key's id or an operator's account.</summary>
    public string? FiledBy { get; init; }

    /// <summary>The work order it came from (hotline 12345, app, walk-in): its number, source, category and when it was received.</summary>
    public WorkOrder? WorkOrder { get; init; }

    public IReadOnlyList<ComplaintStep> History { get; init; } = [];

    /// <summary>The last note given (Open311 <c>status_notes</c>).</summary>
    public string? StatusNotes => History.LastOrDefault(h => h.Note is not null)?.Note;

    public bool Open => !Complaint.IsClosedStatus(Status);

    public long Version { get; set; }

    public static ComplaintDetails Create(ComplaintFiled e) =>
        new(e.ComplaintId, e.ServiceCode, e.Description, e.Location, e.CompanyId, ComplaintStatus.Filed, Mask.Name(e.Complainant.Name), e.Channel,
            e.MediaUrl, e.Attributes, e.FiledAt, e.DueAt, e.FiledAt)
        {
            History = [new ComplaintStep(ComplaintStatus.Filed, e.FiledAt, e.Channel, null)],
            FiledBy = e.FiledBy,
            WorkOrder = e.WorkOrder,
            Version = 1,
        };

    public ComplaintDetails Step(ComplaintStatus status, DateTimeOffset at, string? by, string? note) =>
        this with { Status = status, UpdatedAt = at, History = [.. History, new ComplaintStep(status, at, by, note)] };
}

/// <summary>The complainant's contact details (personal data): never in a list, an event or an Open311 answer.</summary>
public sealed record ComplaintContact(Guid Id, string? Name, string? Phone, string? Email, string? DeviceId);

public static class Mask
{
    /// <summary>王建国 → 王**: enough for a company to address the resident, not to find them.</summary>
    public static string? Name(string? name) => string.IsNullOrEmpty(name) ? null : name[..1] + new string('*', Math.Max(1, name.Length - 1));
}

// The complainant is sealed in the event under the complaint's key (see PersonalData): opened here, or read as erased.
public sealed class ComplaintDetailsProjection : PersonalDataProjection<ComplaintDetails, ComplaintFiled>
{
    public static async Task<ComplaintDetails> Create(ComplaintFiled e, IQuerySession session) =>
        ComplaintDetails.Create(e with { Complainant = await ComplainantSeal.UnsealAsync(session, e.ComplaintId, e.Complainant) });

    /// <summary>The complainant is gone; the complaint, its history and every figure stay.</summary>
    public static ComplaintDetails Apply(PersonalDataErased e, ComplaintDetails c) => c with { ComplainantMasked = c.ComplainantMasked is null ? null : PersonalData.Erased };

    public static ComplaintDetails Apply(ComplaintAccepted e, ComplaintDetails c) =>
        c.Step(ComplaintStatus.Accepted, e.AcceptedAt, e.By, e.Note) with
        {
            Location = c.Location with { EstateId = e.EstateId, CommunityId = e.CommunityId },
            CompanyId = e.CompanyId ?? c.CompanyId,
        };

    public static ComplaintDetails Apply(ComplaintRuledOut e, ComplaintDetails c) =>
        c.Step(e.Ruling == Ruling.Invalid ? ComplaintStatus.RuledInvalid : ComplaintStatus.RuledDuplicate, e.RuledAt, e.By, e.Reason) with
        {
            Ruling = e.Ruling,
            DuplicateOf = e.DuplicateOf,
        };

    public static ComplaintDetails Apply(ComplaintAssigned e, ComplaintDetails c) =>
        c.Step(ComplaintStatus.Assigned, e.AssignedAt, e.By, null) with { CompanyId = e.CompanyId };

    public static ComplaintDetails Apply(ComplaintResponded e, ComplaintDetails c) => c.Step(ComplaintStatus.Responded, e.RespondedAt, e.By, e.Response);

    public static ComplaintDetails Apply(ComplaintResolved e, ComplaintDetails c) =>
        c.Step(ComplaintStatus.Resolved, e.ResolvedAt, e.By, e.Note) with { ResolvedAt = e.ResolvedAt };

    public static ComplaintDetails Apply(ComplaintReopened e, ComplaintDetails c) =>
        c.Step(ComplaintStatus.Reopened, e.ReopenedAt, e.By, e.Reason) with { ResolvedAt = null };

    public static ComplaintDetails Apply(ComplaintSatisfactionRated e, ComplaintDetails c) =>
        c with { Satisfaction = e.Score, SatisfactionComment = e.Comment, UpdatedAt = e.RatedAt };

    public static ComplaintDetails Apply(ComplaintClosed e, ComplaintDetails c) => c.Step(ComplaintStatus.Closed, e.ClosedAt, e.By, e.Note);

    public static ComplaintDetails Apply(ComplaintOverdue e, ComplaintDetails c) => c with { Overdue = true };
}

public sealed class ComplaintContactProjection : PersonalDataProjection<ComplaintContact, ComplaintFiled>
{
    public static async Task<ComplaintContact> Create(ComplaintFiled e, IQuerySession session)
    {
        var complainant = await ComplainantSeal.UnsealAsync(session, e.ComplaintId, e.Complainant);
        return new(e.ComplaintId, complainant.Name, complainant.Phone, complainant.Email, complainant.DeviceId);
    }

    public static ComplaintContact Apply(PersonalDataErased e, ComplaintContact c) =>
        new(c.Id, ComplainantSeal.Erase(c.Name), ComplainantSeal.Erase(c.Phone), ComplainantSeal.Erase(c.Email), ComplainantSeal.Erase(c.DeviceId));
}

/// <summary>
/// The complainant's fields are sealed under a key of the complaint's own (<see cref="PersonalData"/>). An anonymous
/// complaint needs no key.
/// </summary>
public static class ComplainantSeal
{
    public static Complainant Seal(IDocumentSession session, Guid complaintId, Complainant complainant, DateTimeOffset now)
    {
        if (complainant is { Name: null, Phone: null, Email: null, DeviceId: null })
        {
            return complainant;
        }

        var sealer = PersonalData.NewSubject(session, complaintId, now);
        return new(sealer.Seal(complainant.Name), sealer.Seal(complainant.Phone), sealer.Seal(complainant.Email), sealer.Seal(complainant.DeviceId));
    }

    public static async ValueTask<Complainant> UnsealAsync(IQuerySession session, Guid complaintId, Complainant complainant)
    {
        if (!PersonalData.IsSealed(complainant.Name) && !PersonalData.IsSealed(complainant.Phone)
            && !PersonalData.IsSealed(complainant.Email) && !PersonalData.IsSealed(complainant.DeviceId))
        {
            return complainant;
        }

        var unsealer = await PersonalData.UnsealerAsync(session, complaintId);
        return new(unsealer.Unseal(complainant.Name), unsealer.Unseal(complainant.Phone), unsealer.Unseal(complainant.Email), unsealer.Unseal(complainant.DeviceId));
    }

    /// <summary>A field that was given reads as erased; one never given stays absent.</summary>
    public static string? Erase(string? value) => value is null ? null : PersonalData.Erased;

    public static Complainant Erase(Complainant complainant) =>
        new(Erase(complainant.Name), Erase(complainant.Phone), Erase(complainant.Email), Erase(complainant.DeviceId));
}
