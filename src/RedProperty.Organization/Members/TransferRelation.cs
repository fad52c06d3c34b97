namespace RedProperty.Organization.Members;

public enum TransferDirection
{
    In,
    Out,
}

/// <summary>Transfer a member's organisational relation (组织关系) in from, or out to, another organisation.</summary>
public sealed record TransferRelation(TransferDirection Direction, DateOnly On, string Counterpart);

public sealed class TransferRelationValidator : AbstractValidator<TransferRelation>
{
    public TransferRelationValidator()
    {
        RuleFor(t => t.Direction).IsInEnum();
        RuleFor(t => t.On).NotEmpty();
        RuleFor(t => t.Counterpart).NotEmpty().MaximumLength(100);
    }
}

public static class TransferRelationDecider
{
    public static IReadOnlyList<object> Decide(PartyMember member, TransferRelation command, DateTimeOffset now)
    {
        if (member.HasLeft)
        {
            throw new DomainException("The member has left the company.");
        }

        return command.Direction switch
        {
            TransferDirection.In when member.RelationTransferredIn =>
                throw new DomainException("The member's organisational relation is already here."),
            TransferDirection.In => [new MemberRelationTransferredIn(member.Id, command.On, command.Counterpart.Trim(), now)],
            _ when !member.RelationTransferredIn =>
                throw new DomainException("The member's organisational relation is not here, so it cannot be transferred out."),
            _ => [new MemberRelationTransferredOut(member.Id, command.On, command.Counterpart.Trim(), now)],
        };
    }
}

public static class TransferRelationEndpoint
{
    public static Task<Ok<MemberDetails>> Handle(
        Guid id, TransferRelation command, ExpectedVersion expected, IDocumentSession session, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken) =>
        session.Change<PartyMember, MemberDetails>(
            id, expected, member => TransferRelationDecider.Decide(member, command, time.GetUtcNow()), response, cancellationToken);
}
