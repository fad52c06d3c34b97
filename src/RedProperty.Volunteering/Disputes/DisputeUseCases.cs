using RedProperty.Volunteering.Directory;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering.Disputes;

public sealed record RegisterDispute(Guid CommunityId, IReadOnlyList<string> Parties, string Summary, DisputeSource Source, Guid? EstateId = null, Guid? SourceId = null, DateOnly? RegisteredOn = null);

public sealed class RegisterDisputeValidator : AbstractValidator<RegisterDispute>
{
    public RegisterDisputeValidator()
    {
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.Parties).NotNull().Must(p => p.Count is >= 2 and <= 20).WithMessage("2 to 20 parties.");
        RuleForEach(c => c.Parties).NotEmpty().MaximumLength(50);
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.Source).IsInEnum();
        RuleFor(c => c.SourceId).NotNull().When(c => c.Source == DisputeSource.Complaint).WithMessage("A dispute from a complaint names the complaint.");
    }
}

public sealed record TriageDispute(bool Accept, string? ReferredTo = null, string? Note = null);

public sealed class TriageDisputeValidator : AbstractValidator<TriageDispute>
{
    public TriageDisputeValidator()
    {
        RuleFor(c => c.ReferredTo).NotEmpty().MaximumLength(200).When(c => !c.Accept).WithMessage("Say where the dispute was referred (e.g. 派出所, 人民法院).");
        RuleFor(c => c.Note).MaximumLength(1000);
    }
}

public sealed record AssignMediators(IReadOnlyList<Guid>? VolunteerIds = null, IReadOnlyList<Guid>? InstructorIds = null);

public sealed class AssignMediatorsValidator : AbstractValidator<AssignMediators>
{
    public AssignMediatorsValidator() =>
        RuleFor(c => c).Must(c => (c.VolunteerIds?.Count ?? 0) + (c.InstructorIds?.Count ?? 0) is >= 1 and <= 10).WithName("volunteerIds").WithMessage("1 to 10 mediators.");
}

public sealed record RecordSession(DateOnly On, decimal Hours, string? Notes = null);

public sealed class RecordSessionValidator : AbstractValidator<RecordSession>
{
    public RecordSessionValidator()
    {
        RuleFor(c => c.On).NotEmpty();
        RuleFor(c => c.Hours).GreaterThan(0).LessThanOrEqualTo(12);
        RuleFor(c => c.Notes).MaximumLength(4000);
    }
}

public sealed record ReachAgreement(string Terms, DateOnly PerformBy, DateOnly On);

public sealed class ReachAgreementValidator : AbstractValidator<ReachAgreement>
{
    public ReachAgreementValidator()
    {
        RuleFor(c => c.Terms).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.PerformBy).GreaterThanOrEqualTo(c => c.On);
    }
}

public sealed record RecordReturnVisit(DateOnly On, bool Performed, string? Notes = null);

public sealed class RecordReturnVisitValidator : AbstractValidator<RecordReturnVisit>
{
    public RecordReturnVisitValidator() => RuleFor(c => c.Notes).MaximumLength(2000);
}

public sealed record CloseDispute(DisputeOutcome Outcome, DateOnly On);

public sealed class CloseDisputeValidator : AbstractValidator<CloseDispute>
{
    public CloseDisputeValidator() => RuleFor(c => c.Outcome).IsInEnum();
}

public sealed record EscalateDispute(string Reason);

public sealed class EscalateDisputeValidator : AbstractValidator<EscalateDispute>
{
    public EscalateDisputeValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
}

/// <summary>
/// Mediation rules. Mediation time by volunteer mediators counts as their volunteer hours (policy):
/// each session's hours are recorded on every volunteer mediator who took part.
/// </summary>
public static class DisputeDecider
{
    public const int TargetDays = 30;

    private static void Accepted(Dispute dispute, string what)
    {
        if (dispute.Status is DisputeStatus.Registered)
        {
            throw new DomainException($"Accept the dispute before {what}.");
        }

        if (!dispute.Open)
        {
            throw new DomainException($"The dispute is {dispute.Status.ToString().ToLowerInvariant()}; nothing more is {what}.");
        }
    }

    public static IReadOnlyList<object> Triage(Dispute dispute, TriageDispute command, DateTimeOffset now) =>
        dispute.Status != DisputeStatus.Registered
            ? throw new DomainException("The dispute was triaged already.")
            : [new DisputeTriaged(dispute.Id, command.Accept, command.Accept ? null : command.ReferredTo!.Trim(), Text.OrNull(command.Note), now)];

    public static IReadOnlyList<object> Assign(Dispute dispute, AssignMediators command, DateTimeOffset now)
    {
        Accepted(dispute, "assigning mediators");
        return [new MediatorsAssigned(dispute.Id, command.VolunteerIds ?? [], command.InstructorIds ?? [], now)];
    }

    public static IReadOnlyList<object> Session(Dispute dispute, RecordSession command, DateTimeOffset now)
    {
        Accepted(dispute, "mediated");
        var on = DistrictCalendar.FactDay(command.On, now, "session");
        if (on < dispute.RegisteredOn)
        {
            throw new DomainException("A session comes after the dispute was registered.");
        }

        return
        [
            new MediationSessionHeld(dispute.Id, on, command.Hours, dispute.VolunteerMediators, Text.OrNull(command.Notes), now),
            .. dispute.VolunteerMediators.Select(v => (object)new VolunteerHoursRecorded(v, HoursKind.Mediation, dispute.Id, command.Hours, on, now)),
        ];
    }

    public static IReadOnlyList<object> Agree(Dispute dispute, ReachAgreement command, DateTimeOffset now)
    {
        Accepted(dispute, "agreed");
        if (dispute.Sessions == 0)
        {
            throw new DomainException("An agreement is reached in a mediation session; record the session first.");
        }

        return [new AgreementReached(dispute.Id, command.Terms.Trim(), command.PerformBy, DistrictCalendar.FactDay(command.On, now, "agreement"), now)];
    }

    public static IReadOnlyList<object> ReturnVisit(Dispute dispute, RecordReturnVisit command, DateTimeOffset now) =>
        dispute.Status != DisputeStatus.Agreed
            ? throw new DomainException("A return visit checks an agreement; there is none to check.")
            : [new ReturnVisitMade(dispute.Id, DistrictCalendar.FactDay(command.On, now, "return visit"), command.Performed, Text.OrNull(command.Notes), now)];

    public static IReadOnlyList<object> Close(Dispute dispute, CloseDispute command, DateTimeOffset now)
    {
        Accepted(dispute, "closed");
        if (command.Outcome == DisputeOutcome.Agreed && (dispute.Status != DisputeStatus.Agreed || !dispute.ReturnVisited))
        {
            throw new DomainException("Closed as agreed after the agreement and its return visit.");
        }

        return [new DisputeClosed(dispute.Id, dispute.CommunityId, command.Outcome, dispute.Sessions > 0, DistrictCalendar.FactDay(command.On, now, "closing"), now)];
    }

    public static IReadOnlyList<object> Escalate(Dispute dispute, EscalateDispute command, DateTimeOffset now)
    {
        if (dispute.Escalated)
        {
            throw new DomainException("Escalated to the joint meeting already.");
        }

        if (dispute.Status is DisputeStatus.Referred)
        {
            throw new DomainException("A referred dispute is dealt with elsewhere.");
        }

        return [new DisputeEscalated(dispute.Id, dispute.CommunityId, command.Reason.Trim(), DistrictCalendar.Today(now), now)];
    }
}

public static class DisputeEndpoints
{
    public static async Task<Created<DisputeDetails>> Register(RegisterDispute command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await Places.Community(session, command.CommunityId, "communityId", cancellationToken);
        await Places.RequireCommunity(http.User, session, command.CommunityId, cancellationToken);
        if (command.EstateId is { } estate && (await Places.Estate(session, estate, "estateId", cancellationToken)).CommunityId != command.CommunityId)
        {
            throw new InvalidFieldException("estateId", "The estate lies in another community.");
        }

        var now = time.GetUtcNow();
        var on = DistrictCalendar.FactDay(command.RegisteredOn, now, "registration");
        var registered = new DisputeRegistered(Guid.CreateVersion7(now), command.CommunityId, command.EstateId, [.. command.Parties.Select(p => p.Trim())], command.Summary.Trim(),
            command.Source, command.SourceId, on, on.AddDays(DisputeDecider.TargetDays), now);
        return await session.Start<Dispute, DisputeDetails>(registered.DisputeId, registered, DisputeDetailsProjection.Create(registered),
            $"/api/volunteering/disputes/{registered.DisputeId}", http.Response, cancellationToken);
    }

    /// <summary>Dispute events go to the dispute; volunteers' hours (mediation sessions) to each volunteer's record, in the same transaction.</summary>
    private static async Task<Ok<DisputeDetails>> Change(
        IDocumentSession session, Guid id, ExpectedVersion expected, HttpContext http, Func<Dispute, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        await Places.RequireScoped<DisputeDetails>(http.User, session, id, d => d.CommunityId, cancellationToken);
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

    public static Task<Ok<DisputeDetails>> Triage(Guid id, TriageDispute command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        Change(session, id, expected, http, d => DisputeDecider.Triage(d, command, time.GetUtcNow()), ct);

    public static async Task<Ok<DisputeDetails>> Assign(Guid id, AssignMediators command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var volunteers = await session.LoadManyAsync<VolunteerDetails>(ct, command.VolunteerIds ?? []);
        if ((command.VolunteerIds ?? []).Except(volunteers.Select(v => v.Id)).ToList() is [var unknownVolunteer, ..])
        {
            throw new InvalidFieldException("volunteerIds", $"No volunteer with id {unknownVolunteer}.");
        }

        var instructors = await session.LoadManyAsync<InstructorEntry>(ct, command.InstructorIds ?? []);
        if ((command.InstructorIds ?? []).Except(instructors.Select(i => i.Id)).ToList() is [var unknownInstructor, ..])
        {
            throw new InvalidFieldException("instructorIds", $"No instructor with id {unknownInstructor}.");
        }

        return await Change(session, id, expected, http, d => DisputeDecider.Assign(d, command, time.GetUtcNow()), ct);
    }

    public static Task<Ok<DisputeDetails>> Session(Guid id, RecordSession command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        Change(session, id, expected, http, d => DisputeDecider.Session(d, command, time.GetUtcNow()), ct);

    public static Task<Ok<DisputeDetails>> Agree(Guid id, ReachAgreement command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        Change(session, id, expected, http, d => DisputeDecider.Agree(d, command, time.GetUtcNow()), ct);

    public static Task<Ok<DisputeDetails>> ReturnVisit(Guid id, RecordReturnVisit command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        Change(session, id, expected, http, d => DisputeDecider.ReturnVisit(d, command, time.GetUtcNow()), ct);

    public static Task<Ok<DisputeDetails>> Close(Guid id, CloseDispute command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        Change(session, id, expected, http, d => DisputeDecider.Close(d, command, time.GetUtcNow()), ct);

    public static Task<Ok<DisputeDetails>> Escalate(Guid id, EscalateDispute command, ExpectedVersion expected, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        Change(session, id, expected, http, d => DisputeDecider.Escalate(d, command, time.GetUtcNow()), ct);
}

/// <summary>
/// A dispute still open a month after registration (<see cref="DisputeDecider.TargetDays"/>) is
/// overdue once, and escalated to its community's joint meeting; checked every
/// <c>Disputes:OverdueCheckEvery</c> (10 min) by the injected clock.
/// </summary>
public sealed class OverdueDisputes(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<OverdueDisputes> logger) : QuietPeriodicJob(time, logger)
{
    protected override TimeSpan Interval { get; } = configuration.GetValue("Disputes:OverdueCheckEvery", TimeSpan.FromMinutes(10));

    protected override string Work => "Checking disputes for overdue ones";

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => RaiseAsync(store, now, cancellationToken);

    public static async Task RaiseAsync(IDocumentStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DistrictCalendar.Today(now);
        await using var query = store.QuerySession();
        var late = await query.Query<DisputeDetails>()
            .Where(d => !d.Overdue && d.TargetOn < today && d.Status != DisputeStatus.Closed && d.Status != DisputeStatus.Referred)
            .ToListAsync(cancellationToken);
        foreach (var dispute in late)
        {
            await using var session = store.LightweightSession();
            object[] events = dispute.Escalated
                ? [new DisputeOverdue(dispute.Id, dispute.CommunityId, dispute.TargetOn, now)]
                : [new DisputeOverdue(dispute.Id, dispute.CommunityId, dispute.TargetOn, now),
                   new DisputeEscalated(dispute.Id, dispute.CommunityId, $"调解超过一个月（{dispute.TargetOn:yyyy-MM-dd}）未结", today, now)];
            session.Events.Append(dispute.Id, dispute.Version + events.Length, events);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // Changed since it was read: the next pass looks again.
            }
        }
    }
}
