namespace RedProperty.Evaluation.Rectifications;

public static class RectificationsApi
{
    public static IEndpointRouteBuilder MapRectificationsApi(this IEndpointRouteBuilder app)
    {
        var rectifications = app.MapGroup("/api/evaluation/rectifications").WithTags("Rectification orders");

        rectifications.MapPost("/", OrderRectificationEndpoint.Handle)
            .Validate<OrderRectification>()
            .WithIdempotency()
            .ForRoles().WithName("OrderRectification")
            .WithSummary("Order a company to rectify by a deadline (black-listing and failed inspections order it themselves)");

        rectifications.MapPost("/{id:guid}/report", ReportRectificationEndpoint.Handle)
            .Validate<ReportRectification>()
            .ForRoles(Roles.CompanyUser).WithName("ReportRectification")
            .WithSummary("The company reports what it put right (its own orders only); a follow-up inspection with rectificationId verifies it")
            .ProducesChangeProblems();

        rectifications.MapGet("/{id:guid}", (Guid id, IQuerySession session, HttpResponse response, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
                session.Read<RectificationDetails>(id, response, ct, r => Caller.Of(user).Sees(r.CompanyId)))
            .ForRoles(Roles.Staff).WithName("GetRectification")
            .WithSummary("A rectification order with its history (a company's users: their own only)");

        rectifications.MapGet("/", async Task<IResult> (
                IQuerySession session, TimeProvider time, System.Security.Claims.ClaimsPrincipal user, Guid? companyId, bool? open, int? page, int? pageSize, CancellationToken ct) =>
            {
                if (!Caller.Of(user).TryLimitCompany(companyId, out companyId))
                {
                    return CallerScopes.NotFound();
                }

                var (number, size) = Ledger.Paging(page, pageSize);
                var query = session.Query<RectificationDetails>().AsQueryable();
                if (companyId is { } company)
                {
                    query = query.Where(r => r.CompanyId == company);
                }

                if (open is { } isOpen)
                {
                    query = isOpen ? query.Where(r => r.Status != RectificationStatus.Rectified) : query.Where(r => r.Status == RectificationStatus.Rectified);
                }

                var total = await query.CountAsync(ct);
                var items = await query.OrderByDescending(r => r.OrderedOn).Skip((number - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new LedgerPage<RectificationDetails>(time.GetUtcNow(), number, size, total, items));
            })
            .ForRoles(Roles.Staff).WithName("ListRectifications")
            .WithSummary("Rectification orders, newest first: companyId, open, page, pageSize");

        return app;
    }
}
