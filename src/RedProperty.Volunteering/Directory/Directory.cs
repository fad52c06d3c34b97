using V1 = RedProperty.Contracts.Organization.V1;

namespace RedProperty.Volunteering.Directory;

// Volunteering's own copy of what Organization owns: communities and estates (where teams work and
// activities happen), party members of property companies (one of the three sources of volunteers)
// and instructors (who may mediate).

public sealed record CommunityEntry(Guid Id, string Name);

public sealed record EstateEntry(Guid Id, string Name, Guid CommunityId);

public sealed record PartyMemberEntry(Guid Id, string Name, Guid CompanyId);

public sealed record InstructorEntry(Guid Id, string Name);

public sealed class CommunityRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.CommunityRegistered>(inbox)
{
    protected override Task Apply(V1.CommunityRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new CommunityEntry(message.CommunityId, message.Name));
        return Task.CompletedTask;
    }
}

public sealed class EstateRegisteredConsumer(Inbox inbox) : InboxConsumer<V1.EstateRegistered>(inbox)
{
    protected override Task Apply(V1.EstateRegistered message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new EstateEntry(message.EstateId, message.Name, message.CommunityId));
        return Task.CompletedTask;
    }
}

public sealed class PartyMemberJoinedCompanyConsumer(Inbox inbox) : InboxConsumer<V1.PartyMemberJoinedCompany>(inbox)
{
    protected override Task Apply(V1.PartyMemberJoinedCompany message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new PartyMemberEntry(message.MemberId, message.Name, message.CompanyId));
        return Task.CompletedTask;
    }
}

public sealed class InstructorAppointedConsumer(Inbox inbox) : InboxConsumer<V1.InstructorAppointed>(inbox)
{
    protected override Task Apply(V1.InstructorAppointed message, IDocumentSession session, CancellationToken cancellationToken)
    {
        session.Store(new InstructorEntry(message.InstructorId, message.Name));
        return Task.CompletedTask;
    }
}

public static class Places
{
    public static async Task<CommunityEntry> Community(IQuerySession session, Guid id, string field, CancellationToken cancellationToken) =>
        await session.LoadAsync<CommunityEntry>(id, cancellationToken) ?? throw new InvalidFieldException(field, $"No community with id {id} is registered.");

    public static async Task<EstateEntry> Estate(IQuerySession session, Guid id, string field, CancellationToken cancellationToken) =>
        await session.LoadAsync<EstateEntry>(id, cancellationToken) ?? throw new InvalidFieldException(field, $"No estate with id {id} is registered.");
}
