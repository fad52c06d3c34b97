namespace RedProperty.Organization.Members;

public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/organization/members").WithTags("Party members");

        members.MapPost("/", RegisterMemberEndpoint.Handle)
            .Validate<RegisterMember>()
            .WithIdempotency()
            .ForRoles().WithName("RegisterMember")
            .WithSummary("Enter a party member of a property company (ledger 4)")
            .WithDescription("via: hired | relationTransferredIn | developed. 400 names the field, including an unknown companyId. " +
                "nationalId is matched (as a keyed hash, never kept): the same person again is 409 with a link to their record in `existing`.");

        members.MapGet("/{id:guid}", GetMemberEndpoint.Handle)
            .ForRoles(Roles.Auditor, Roles.CompanyUser).AuditsPersonalData("party-member").WithName("GetMember")
            .WithSummary("A party member, with its version as ETag");

        members.MapPost("/{id:guid}/erasure", EraseMemberEndpoint.Handle)
            .ForRoles().AuditsChanges("erasure: party member").WithName("EraseMember")
            .WithSummary("Erase the member's personal data on their request (PIPL art. 47): name and pledge, events included")
            .WithDescription("District admins only; audited. The name reads \"[erased]\" from then on, also after a rebuild. Other services erase their copies " +
                "(a volunteer record of the same person included). The member still counts in every figure. 204; 404 for an unknown member.");

        members.MapPost("/{id:guid}/development-stages", AdvanceDevelopmentEndpoint.Handle)
            .Validate<AdvanceDevelopment>()
            .ForRoles().WithName("AdvanceDevelopment")
            .WithSummary("Move a member one step: applicant → activist → developmentCandidate → probationary → full")
            .WithDescription("If-Match required. 409 for a skipped step, a member who left, or a full membership earlier than one year after admission.")
            .ProducesChangeProblems();

        members.MapPost("/{id:guid}/relation-transfers", TransferRelationEndpoint.Handle)
            .Validate<TransferRelation>()
            .ForRoles().WithName("TransferRelation")
            .WithSummary("Transfer the member's organisational relation in or out")
            .ProducesChangeProblems();

        members.MapPost("/{id:guid}/departure", LeaveCompanyEndpoint.Handle)
            .Validate<LeaveCompany>()
            .ForRoles().WithName("LeaveCompany")
            .WithSummary("Record that the member left the company")
            .ProducesChangeProblems();

        members.MapPost("/{id:guid}/company-role", ChangeCompanyRoleEndpoint.Handle)
            .Validate<ChangeCompanyRole>()
            .ForRoles().WithName("ChangeCompanyRole")
            .WithSummary("Record the member's new role in the company: legalRepresentative | generalManager | deputyGeneralManager | departmentHead | staff")
            .ProducesChangeProblems();

        members.MapPost("/{id:guid}/company-transfers", MoveCompanyEndpoint.Handle)
            .Validate<MoveCompany>()
            .ForRoles().WithName("MoveCompany")
            .WithSummary("The same person moves to another company (or back to work after leaving); their history stays with them")
            .ProducesChangeProblems();

        members.MapPost("/{id:guid}/pledges", MakePledgeEndpoint.Handle)
            .Validate<MakePledge>()
            .ForRoles().WithName("MakePledge")
            .WithSummary("Publish the member's pledge: show identity, standards, commitments (亮身份、亮标准、亮承诺)")
            .ProducesChangeProblems();

        app.MapGet("/api/organization/pledges", PledgeBoardEndpoint.Handle)
            .WithTags("Red butler")
            .ForRoles(Roles.Staff).AuditsPersonalData("pledge-board").WithName("PledgeBoard")
            .WithSummary("The public pledges of current party members, optionally of one company");

        return app;
    }
}
