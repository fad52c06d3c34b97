namespace RedProperty.Evaluation.Complaints;

public static class ComplaintsApi
{
    /// <summary>Who handles complaints for the district: its admins (always) and the community's staff.</summary>
    private static readonly string[] Handlers = [Roles.CommunityStaff];

    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/evaluation/complaints").WithTags("Complaints");

        complaints.MapPost("/", FileComplaintEndpoint.Handle)
            .Validate<FileComplaint>()
            .WithIdempotency()
            .ForRoles(Roles.CommunityStaff, Roles.ComplaintClient).WithName("FileComplaint")
            .WithSummary("File a complaint against the company serving an estate")
            .WithDescription("201 with Location and ETag. 400 names the invalid field, also for an estate or company the registry does not know. " +
                "Send Idempotency-Key to make retries safe; without one, the same complainant.deviceId with the same body on the same day answers 200 with the first complaint.");

        complaints.MapPost("/imports", ImportComplaints.Handle)
            .AcceptsFile(8 * 1024 * 1024, HotlineExport.Csv, HotlineExport.Xlsx)
            .ForRoles(Roles.CommunityStaff, Roles.ComplaintClient).WithName("ImportComplaints")
            .WithSummary("File the 12345 hotline's exported work orders as complaints (.xlsx, or .csv in UTF-8 or GB18030); dryRun=true only reports")
            .WithDescription("Columns by the hotline's headers: 工单编号 and 诉求内容 required; 受理时间 (dates the complaint), 来源渠道, 诉求分类 (matched to a category, " +
                "or Hotline:Categories), 服务类别 (our code), 小区 or 小区编号, 事发地址, 联系人, 联系电话. 200 with the report: rows filed (or that would be), " +
                $"work orders filed before (one complaint per work order), and rejected rows with the column and the reason. At most {HotlineExport.MaxRows} rows, 8 MiB.");

        complaints.MapGet("/", ComplaintQueries.List)
            .ForRoles(Roles.CommunityStaff, Roles.CompanyUser, Roles.Inspector, Roles.Auditor, Roles.ComplaintClient).WithName("ListComplaints")
            .WithSummary("Complaints, newest first: status, open, serviceCode, companyId, communityId, estateId, overdue, from, to (filing time), workOrder, page, pageSize")
            .WithDescription("A company's users see their company's complaints only, a community's staff their community's, a complaint client those it filed. Complainants are masked.");

        complaints.MapGet("/{id:guid}", ComplaintQueries.Get)
            .ForRoles(Roles.CommunityStaff, Roles.CompanyUser, Roles.Inspector, Roles.Auditor, Roles.ComplaintClient).WithName("GetComplaint")
            .WithSummary("A complaint with its whole status history and its version as ETag (complainant masked)");

        complaints.MapGet("/{id:guid}/complainant", ComplaintQueries.Complainant)
            .AuditsPersonalData("complainant")
            .ForRoles(Roles.CommunityStaff).WithName("GetComplainant")
            .WithSummary("The complainant's contact details (personal data: every read is audited; never for the company)");

        complaints.MapPost("/{id:guid}/complainant/erasure", EraseComplainantEndpoint.Handle)
            .ForRoles().AuditsChanges("erasure: complainant").WithName("EraseComplainant")
            .WithSummary("Erase the complainant's contact details on their request (PIPL art. 47), events included")
            .WithDescription("District admins only; audited. They read \"[erased]\" from then on, also after a rebuild; the complaint and every figure stay. " +
                "204; 404 for an unknown complaint.");

        Change<AcceptComplaint>(complaints, "/{id:guid}/acceptance", AcceptComplaintEndpoint.Handle, "AcceptComplaint", "Accept a complaint as valid (it counts in the complaint rate)", Handlers);
        Change<RuleOutComplaint>(complaints, "/{id:guid}/ruling", RuleOutComplaintEndpoint.Handle, "RuleOutComplaint", "Rule a complaint invalid or a duplicate, with the reason", Handlers);
        Change<AssignComplaint>(complaints, "/{id:guid}/assignment", AssignComplaintEndpoint.Handle, "AssignComplaint", "Hand a valid complaint to the company", Handlers);
        Change<RespondToComplaint>(complaints, "/{id:guid}/response", RespondToComplaintEndpoint.Handle, "RespondToComplaint", "The company's response (its own complaints only)", [Roles.CompanyUser]);
        Change<ResolveComplaint>(complaints, "/{id:guid}/resolution", ResolveComplaintEndpoint.Handle, "ResolveComplaint", "Record that the problem is fixed", Handlers);
        Change<ReopenComplaint>(complaints, "/{id:guid}/reopening", ReopenComplaintEndpoint.Handle, "ReopenComplaint", "Reopen a resolved complaint the resident says is not fixed", Handlers);
        Change<RateSatisfaction>(complaints, "/{id:guid}/satisfaction", RateSatisfactionEndpoint.Handle, "RateSatisfaction", "The resident's satisfaction, 1–5 (once)",
            [Roles.CommunityStaff, Roles.ComplaintClient]);
        Change<CloseComplaint>(complaints, "/{id:guid}/closure", CloseComplaintEndpoint.Handle, "CloseComplaint", "Close a resolved complaint", Handlers);

        return app;
    }

    private static void Change<TCommand>(
        RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary, string[] roles) where TCommand : class =>
        group.MapPost(pattern, handler)
            .Validate<TCommand>()
            .ForRoles(roles).WithName(name)
            .WithSummary(summary)
            .WithDescription("Requires If-Match with the ETag last read: 428 without it, 412 when stale; 404 for a complaint outside the caller's scope; 409 when the complaint's status does not allow it.")
            .ProducesChangeProblems();
}
