using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Meetings;

namespace RedProperty.Consultation.Summary;

/// <summary>The district's joint-consultation figures as of a day, by the dates things happened.</summary>
public sealed record ConsultationSummary(
    DateTimeOffset AsOf, int ConcurrentCompanyHeads, int MeetingsHeld, int ResolutionsAdopted, int ActionItemsOpen, int ActionItemsOverdue, int Committees);

/// <summary>One source followed through: proposed → agenda item of a meeting → decision → its action items.</summary>
public sealed record TraceStep(
    Guid CommunityId, AgendaSource Source, DateTimeOffset ProposedAt, Guid? MeetingId, string? MeetingTitle, DateOnly? HeldOn, Guid ItemId, string ItemTitle,
    DecisionOutcome? Outcome, string? Reasoning, IReadOnlyList<ActionDetails> Actions);
