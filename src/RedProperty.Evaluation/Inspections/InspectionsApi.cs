namespace RedProperty.Evaluation.Inspections;

public static class InspectionsApi
{
    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var inspections = app.MapGroup("/api/evaluation/inspections").WithTags("Spot inspections");

        inspections.MapGet("/checklist", (InspectionChecklist checklist) =>
                TypedResults.Ok(new { checklist.MaxScore, checklist.PassMark, checklist.Categories }))
            .ForRoles(Roles.Staff).WithName("GetInspectionChecklist")
            .WithSummary("What a spot inspection checks: categories, items and their points, the pass mark");

        inspections.MapPost("/", RecordInspectionEndpoint.Handle)
            .Validate<RecordInspection>()
            .WithIdempotency()
            .ForRoles(Roles.Inspector).WithName("RecordInspection")
            .WithSummary("Record a spot inspection: findings with deductions and evidence; the score is 100 minus the deductions")
            .WithDescription("201 with Location. 400 names the field (unknown estate or item, a deduction over the item's points); 409 when no company served the estate that day. " +
                "A failed inspection (under the pass mark, or a serious finding) orders a rectification; with rectificationId it follows one up.");

        inspections.MapGet("/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
                session.Read<InspectionDetails>(id, response, ct, i => Caller.Of(user).Sees(i.CompanyId)))
            .ForRoles(Roles.Staff).WithName("GetInspection")
            .WithSummary("An inspection with its findings (a company's users: their own only)");

        inspections.MapGet("/", async Task<IResult> (
                IQuerySession session, TimeProvider time, System.Security.Claims.ClaimsPrincipal user, Guid? companyId, Guid? estateId, string? from, string? to,
                int? page, int? pageSize, CancellationToken ct) =>
            {
                if (!Caller.Of(user).TryLimitCompany(companyId, out companyId))
                {
                    return CallerScopes.NotFound();
                }

                var (number, size) = Ledger.Paging(page, pageSize);
                var query = session.Query<InspectionDetails>().AsQueryable();
                if (companyId is { } company)
                {
                    query = query.Where(i => i.CompanyId == company);
                }

                if (estateId is { } estate)
                {
                    query = query.Where(i => i.EstateId == estate);
                }

                if (Days.Parse(from, "from") is { } start)
                {
                    query = query.Where(i => i.On >= start);
                }

                if (Days.Parse(to, "to") is { } end)
                {
                    query = query.Where(i => i.On <= end);
                }

                var total = await query.CountAsync(ct);
                var items = await query.OrderByDescending(i => i.On).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new LedgerPage<InspectionDetails>(time.GetUtcNow(), number, size, total, items));
            })
            .ForRoles(Roles.Staff).WithName("ListInspections")
            .WithSummary("Inspections, newest first: companyId, estateId, from, to (days, inclusive), page, pageSize");

        return app;
    }
}
