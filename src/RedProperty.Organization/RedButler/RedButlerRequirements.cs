using RedProperty.Organization.Geography;
using RedProperty.Organization.Members;

namespace RedProperty.Organization.RedButler;

public static class RedButlerRequirements
{
    // Only a current party member can show identity at a post or hold a zone.
    public static async Task CurrentMembers(IQuerySession session, string field, IReadOnlyList<Guid> memberIds, CancellationToken cancellationToken)
    {
        var members = await session.LoadManyAsync<MemberDetails>(cancellationToken, memberIds);
        var current = members.Where(m => m.CountsAsMember).Select(m => m.Id).ToHashSet();
        if (memberIds.Where(id => !current.Contains(id)).ToList() is [var missing, ..])
        {
            throw new InvalidFieldException(field, $"{missing} is not a current party member.");
        }
    }

    public static async Task<EstateDetails> Estate(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await session.LoadAsync<EstateDetails>(id, cancellationToken) ?? throw new InvalidFieldException("estateId", $"No estate with id {id} is registered.");
}
