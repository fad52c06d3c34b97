using Microsoft.EntityFrameworkCore;
using RedProperty.BuildingBlocks.Security;

namespace RedProperty.Identity;

/// <summary>The audit trail in the identity schema: the same entries and queries as the other services' (EF Core instead of Marten).</summary>
/// <remarks>A scope of its own per call: a refused change is recorded after its request's scope has ended.</remarks>
public sealed class IdentityAuditTrail(IServiceScopeFactory scopes) : IAuditTrail
{
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        db.Audit.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<(int Total, IReadOnlyList<AuditRecord> Items)> FindAsync(AuditQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var found = scope.ServiceProvider.GetRequiredService<IdentityDb>().Audit.AsNoTracking().Matching(query);
        var total = await found.CountAsync(cancellationToken);
        return (total, await found.OrderByDescending(a => a.At).Skip(skip).Take(take).ToListAsync(cancellationToken));
    }
}
