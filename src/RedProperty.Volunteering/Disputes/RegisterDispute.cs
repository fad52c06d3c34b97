using RedProperty.Volunteering.Places;

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

public static class RegisterDisputeEndpoint
{
    public static async Task<Created<DisputeDetails>> Handle(RegisterDispute command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        await KnownPlaces.Community(session, command.CommunityId, "communityId", cancellationToken);
        KnownPlaces.RequireCommunity(http.User, command.CommunityId);
        if (command.EstateId is { } estate && (await KnownPlaces.Estate(session, estate, "estateId", cancellationToken)).CommunityId != command.CommunityId)
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
}
