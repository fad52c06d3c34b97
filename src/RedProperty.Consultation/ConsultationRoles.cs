namespace RedProperty.Consultation;

/// <summary>The roles the feature APIs grant, kept in one place so every folder's routes agree.</summary>
internal static class ConsultationRoles
{
    /// <summary>Who runs a community's consultation: its staff (their own community) and district admins.</summary>
    public static readonly string[] Organisers = [Roles.CommunityStaff];

    public static readonly string[] Readers = [Roles.CommunityStaff, Roles.CompanyUser, Roles.Inspector, Roles.Instructor, Roles.Auditor];
}
