using System.Security.Claims;

namespace RedProperty.BuildingBlocks.Security;

/// <summary>The roles of issue 7, as they appear in the <c>role</c> claim of an access token.</summary>
public static class Roles
{
    /// <summary>Everything; the only role that registers companies and closes months and periods.</summary>
    public const string DistrictAdmin = "district-admin";

    /// <summary>Their own community's data and meetings (claim <c>community</c>).</summary>
    public const string CommunityStaff = "community-staff";

    /// <summary>Their own company (claim <c>company</c>): its complaints, responses, rectification reports.</summary>
    public const string CompanyUser = "company-user";

    public const string Inspector = "inspector";

    /// <summary>Their own visits (claim <c>instructor</c>).</summary>
    public const string Instructor = "instructor";

    /// <summary>Reads everything, changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Other government systems: the event feed and the public figures.</summary>
    public const string IntegrationClient = "integration-client";

    /// <summary>A complaint client signed in with an Open311 API key, not a token.</summary>
    public const string ComplaintClient = "complaint-client";

    /// <summary>The roles a token may carry (complaint clients use API keys instead).</summary>
    public static readonly IReadOnlyList<string> InTokens = [DistrictAdmin, CommunityStaff, CompanyUser, Inspector, Instructor, Auditor, IntegrationClient];

    /// <summary>Every role that works inside the district's offices (not outside systems).</summary>
    public static readonly string[] Staff = [CommunityStaff, CompanyUser, Inspector, Instructor, Auditor];
}

/// <summary>Claim names shared by the identity service and every service that reads its tokens.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string ClientId = "client_id";
    public const string Community = "community";
    public const string Company = "company";
    public const string Instructor = "instructor";

    /// <summary>Requests a minute this caller may make (API keys carry their own).</summary>
    public const string RateLimit = "rate_limit";
}

/// <summary>
/// Who is calling and how far they see. District admins and auditors see the whole district; a
/// community's staff only their community, a company's users only their company, an instructor
/// only their own record. Outside that, a resource answers 404 so its existence does not leak.
/// </summary>
public sealed record Caller(string Id, string Name, IReadOnlySet<string> Roles, string? Community, Guid? Company, Guid? Instructor)
{
    public static Caller Of(ClaimsPrincipal user)
    {
        // A system's token names it as subject and client alike; an operator's names the operator and the console.
        // Systems are "system:<client>", so a system and an operator of one name (possible with another provider)
        // never share idempotency records, rate buckets or audit entries.
        var subject = user.FindFirstValue(ClaimNames.Subject);
        var client = user.FindFirstValue(ClaimNames.ClientId);
        var id = subject is null ? (client is null ? "anonymous" : $"system:{client}") : subject == client ? $"system:{subject}" : subject;
        return new Caller(
            id,
            user.FindFirstValue(ClaimNames.Name) ?? id,
            user.FindAll(ClaimNames.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            user.FindFirstValue(ClaimNames.Community),
            Guid.TryParse(user.FindFirstValue(ClaimNames.Company), out var company) ? company : null,
            Guid.TryParse(user.FindFirstValue(ClaimNames.Instructor), out var instructor) ? instructor : null);
    }

    public bool Is(string role) => Roles.Contains(role);

    /// <summary>District admins and auditors: no community or company limits.</summary>
    public bool DistrictWide => Is(BuildingBlocks.Security.Roles.DistrictAdmin) || Is(BuildingBlocks.Security.Roles.Auditor);

    /// <summary>A company's users see only their company; every other role allowed on the endpoint sees all.</summary>
    public bool Sees(Guid company) => DistrictWide || !Is(BuildingBlocks.Security.Roles.CompanyUser) || Company == company;

    /// <summary>The only community a community's staff see; null when the caller is not limited to one.</summary>
    public string? CommunityLimit => !DistrictWide && Is(BuildingBlocks.Security.Roles.CommunityStaff) ? Community ?? "" : null;

    /// <summary>The only company a company's users see; null when the caller is not limited to one.</summary>
    public Guid? CompanyLimit => !DistrictWide && Is(BuildingBlocks.Security.Roles.CompanyUser) ? Company ?? Guid.Empty : null;

    /// <summary>An instructor sees and records only their own visits.</summary>
    public bool IsOrOversees(Guid instructor) => DistrictWide || !Is(BuildingBlocks.Security.Roles.Instructor) || Instructor == instructor;
}
