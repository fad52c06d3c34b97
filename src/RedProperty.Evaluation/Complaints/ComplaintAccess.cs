using RedProperty.BuildingBlocks.EventStore;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation.Places;

namespace RedProperty.Evaluation.Complaints;

/// <summary>
/// Which complaints a caller reaches: a company's users only their company's, a community's staff
/// only their community's (claim <c>community</c>: its id), a complaint client only those
/// it filed; everyone else allowed on the endpoint all. Outside it a complaint is a 404.
/// </summary>
/// <param name="Filer">A complaint client: its account (an API key's id). Complaints filed before the account was kept are
/// matched by the client's name, <paramref name="FilerName"/>, as they were then.</param>
public sealed record ComplaintScope(Guid? Company, Guid? Community, string? Filer, string? FilerName)
{
    public static ComplaintScope Of(Caller caller)
    {
        var community = caller.CommunityIdLimit();
        var client = caller.Is(Roles.ComplaintClient) && !caller.DistrictWide;
        return new ComplaintScope(caller.CompanyLimit, community, client ? caller.Id : null, client ? caller.Name : null);
    }

    public bool Sees(ComplaintDetails complaint) =>
        (Company is not { } c || complaint.CompanyId == c) && (Community is not { } m || complaint.Location.CommunityId == m)
        && (Filer is null || complaint.FiledBy == Filer || (complaint.FiledBy is null && complaint.Channel == FilerName));

    /// <summary>Whether the caller may file or keep complaints at <paramref name="estate"/>: a community's staff at their community's only.</summary>
    public bool Reaches(EstateDirectoryEntry estate) => Community is not { } own || estate.CommunityId == own;

    /// <summary>
    /// A community's staff keep a complaint in their community when they accept or assign it: the estate
    /// they name is theirs, and the company a company serving one of its estates. Otherwise they could move
    /// a complaint into another company's complaint rate, and so onto the black list. 400 naming the field.
    /// </summary>
    public async Task RequireKeptAsync(IQuerySession session, EstateDirectoryEntry? estate, Guid? company, CancellationToken cancellationToken)
    {
        if (Community is not { } own)
        {
            return;
        }

        if (estate is not null && !Reaches(estate))
        {
            throw new InvalidFieldException("estateId", "An estate of your community.");
        }

        if (company is { } id && !(await session.Query<EstateDirectoryEntry>().Where(e => e.CommunityId == own).ToListAsync(cancellationToken))
                .Any(e => e.Services.Any(s => s.CompanyId == id)))
        {
            throw new InvalidFieldException("companyId", "A company serving an estate of your community.");
        }
    }
}

/// <summary>The "change" use case for complaints: scope first (404 outside it), then If-Match, the decider, the inline view.</summary>
public static class ComplaintChange
{
    public static async Task<Ok<ComplaintDetails>> Handle(
        Guid id, ExpectedVersion expected, HttpContext http, IDocumentSession session, Func<Complaint, string, DateTimeOffset, IReadOnlyList<object>> decide,
        CancellationToken cancellationToken)
    {
        var caller = Caller.Of(http.User);
        var scope = ComplaintScope.Of(caller);
        if (await session.LoadAsync<ComplaintDetails>(id, cancellationToken) is not { } current || !scope.Sees(current))
        {
            throw new ResourceNotFoundException($"No complaint with id {id}.");
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return await session.Change<Complaint, ComplaintDetails>(id, expected, complaint => decide(complaint, caller.Name, now), http.Response, cancellationToken);
    }

    /// <summary>409 unless the complaint is in one of <paramref name="allowed"/>.</summary>
    public static void Require(Complaint complaint, string action, params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(complaint.Status))
        {
            throw new DomainException(
                $"A complaint that is {complaint.Status} cannot be {action}; only one that is {string.Join(" or ", allowed)}.");
        }
    }
}
