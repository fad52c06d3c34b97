namespace RedProperty.Volunteering;

/// <summary>The roles the volunteering routes share, kept once so every feature's API grants the same.</summary>
internal static class VolunteeringRoles
{
    /// <summary>Who runs volunteering and mediation: the community's staff and district admins.</summary>
    public static readonly string[] Organisers = [Roles.CommunityStaff];

    public static readonly string[] Readers = [Roles.CommunityStaff, Roles.Instructor, Roles.Auditor];
}
