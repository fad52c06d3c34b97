using System.Security.Claims;

namespace RedProperty.Evaluation.Complaints;

/// <summary>Filters of the complaint list; every one optional.</summary>
public sealed record ComplaintFilter(
    IReadOnlyList<Guid>? Ids = null, ComplaintStatus? Status = null, bool? Open = null, string? ServiceCode = null, Guid? CompanyId = null,
    Guid? CommunityId = null, Guid? EstateId = null, bool? Overdue = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? WorkOrder = null)
{
    public IQueryable<ComplaintDetails> Apply(IQueryable<ComplaintDetails> query, ComplaintScope scope)
    {
        if (scope.Company is { } ownCompany)
        {
            query = query.Where(c => c.CompanyId == ownCompany);
        }

        if (scope.Community is { } ownCommunity)
        {
            query = query.Where(c => c.Location.CommunityId == ownCommunity);
        }

        if (scope.Filer is { } filer)
        {
            var name = scope.FilerName;
            query = query.Where(c => c.FiledBy == filer || (c.FiledBy == null && c.Channel == name));
        }

        if (Ids is { Count: > 0 } ids)
        {
            query = query.Where(c => ids.Contains(c.Id));
        }

        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (Open is { } open)
        {
            var closed = Enum.GetValues<ComplaintStatus>().Where(Complaint.IsClosedStatus).ToArray();
            query = open ? query.Where(c => !closed.Contains(c.Status)) : query.Where(c => closed.Contains(c.Status));
        }

        if (!string.IsNullOrEmpty(ServiceCode))
        {
            query = query.Where(c => c.ServiceCode == ServiceCode);
        }

        if (CompanyId is { } company)
        {
            query = query.Where(c => c.CompanyId == company);
        }

        if (CommunityId is { } community)
        {
            query = query.Where(c => c.Location.CommunityId == community);
        }

        if (EstateId is { } estate)
        {
            query = query.Where(c => c.Location.EstateId == estate);
        }

        if (Overdue is { } overdue)
        {
            query = query.Where(c => c.Overdue == overdue);
        }

        if (!string.IsNullOrWhiteSpace(WorkOrder))
        {
            var number = WorkOrder.Trim();
            query = query.Where(c => c.WorkOrder!.Number == number);
        }

        if (From is { } from)
        {
            query = query.Where(c => c.FiledAt >= from);
        }

        if (To is { } to)
        {
            query = query.Where(c => c.FiledAt < to);
        }

        return query;
    }
}

public static class ComplaintQueries
{
    public const int MaxIds = 100;

    /// <summary>A page of complaints the caller may see, newest first.</summary>
    public static async Task<LedgerPage<ComplaintDetails>> PageAsync(
        IQuerySession session, ComplaintScope scope, ComplaintFilter filter, int? page, int? pageSize, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (number, size) = Ledger.Paging(page, pageSize);
        var query = filter.Apply(session.Query<ComplaintDetails>(), scope);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.FiledAt).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new LedgerPage<ComplaintDetails>(now, number, size, total, items);
    }

    public static async Task<Results<Ok<ComplaintDetails>, NotFound>> Get(
        Guid id, ClaimsPrincipal user, IQuerySession session, HttpResponse response, CancellationToken cancellationToken)
    {
        var scope = ComplaintScope.Of(Caller.Of(user));
        return await session.Read<ComplaintDetails>(id, response, cancellationToken, scope.Sees);
    }

    public static async Task<Ok<LedgerPage<ComplaintDetails>>> List(
        ClaimsPrincipal user, IQuerySession session, TimeProvider time, string? status, bool? open, string? serviceCode, Guid? companyId,
        Guid? communityId, Guid? estateId, bool? overdue, DateTimeOffset? from, DateTimeOffset? to, string? workOrder, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var scope = ComplaintScope.Of(Caller.Of(user));
        var filter = new ComplaintFilter(
            null, QueryEnum.Parse<ComplaintStatus>(status, "status"), open, serviceCode, companyId, communityId, estateId, overdue, from, to, workOrder);
        return TypedResults.Ok(await PageAsync(session, scope, filter, page, pageSize, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>The complainant's contact details: personal data, audited; never for the company complained about.</summary>
    public static async Task<Results<Ok<ComplaintContact>, NotFound>> Complainant(
        Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken cancellationToken)
    {
        var scope = ComplaintScope.Of(Caller.Of(user));
        if (await session.LoadAsync<ComplaintDetails>(id, cancellationToken) is not { } complaint || !scope.Sees(complaint)
            || await session.LoadAsync<ComplaintContact>(id, cancellationToken) is not { } contact)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(contact);
    }
}
