using RedProperty.Consultation.Places;

namespace RedProperty.Consultation.Committees;

/// <summary>Form a community's big party committee for a term (one per community).</summary>
public sealed record FormCommittee(Guid CommunityId, string Name, DateOnly TermFrom, DateOnly TermTo);

public sealed class FormCommitteeValidator : AbstractValidator<FormCommittee>
{
    public FormCommitteeValidator()
    {
        RuleFor(c => c.CommunityId).NotEmpty();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.TermTo).GreaterThan(c => c.TermFrom).WithMessage("A term ends after it begins.");
    }
}

public static class FormCommitteeEndpoint
{
    public static async Task<Created<CommitteeDetails>> Handle(
        FormCommittee command, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<CommunityEntry>(command.CommunityId, cancellationToken) is null)
        {
            throw new InvalidFieldException("communityId", $"No community with id {command.CommunityId} is registered.");
        }

        CommunityScope.Require(http, command.CommunityId);
        var now = time.GetUtcNow();
        var formed = new CommitteeFormed(Guid.CreateVersion7(now), command.CommunityId, command.Name.Trim(), command.TermFrom, command.TermTo, now);
        return await session.StartReserved<CommunityPartyCommittee, CommitteeDetails, CommitteeOfCommunity>(
            new CommitteeOfCommunity(command.CommunityId.ToString(), formed.CommitteeId),
            async _ =>
            {
                await using var fresh = session.DocumentStore.QuerySession();
                var existing = await fresh.LoadAsync<CommitteeOfCommunity>(command.CommunityId.ToString(), CancellationToken.None);
                return new AlreadyExistsException("The community has its big party committee already.", $"/api/consultation/committees/{existing?.CommitteeId}");
            },
            formed.CommitteeId, formed, CommitteeDetails.Create(formed), $"/api/consultation/committees/{formed.CommitteeId}", http.Response, cancellationToken);
    }
}
