using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using RedProperty.BuildingBlocks.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace RedProperty.Identity;

/// <summary>
/// What an account may do and see: its roles and, where a role is limited, its community, company
/// or instructor record. The same for a system (client credentials) and an operator (signs in).
/// </summary>
/// <param name="RateLimit">Requests a minute; null takes the services' default.</param>
public sealed record AccountScope(IReadOnlyList<string> Roles, string? Community = null, Guid? Company = null, Guid? Instructor = null, int? RateLimit = null)
{
    /// <summary>The claims of an access token for this account.</summary>
    public ClaimsIdentity ToIdentity(string subject, string name)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Name, name).SetClaims(Claims.Role, [.. Roles]);
        identity.SetClaim(ClaimNames.Community, Community);
        identity.SetClaim(ClaimNames.Company, Company?.ToString());
        identity.SetClaim(ClaimNames.Instructor, Instructor?.ToString());
        identity.SetClaim(ClaimNames.RateLimit, RateLimit);
        identity.SetDestinations(claim => claim.Type is Claims.Name or Claims.Role
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return identity;
    }

    internal const string PropertyName = "redproperty";

    internal JsonElement ToProperty() => JsonSerializer.SerializeToElement(this, JsonSerializerOptions.Web);

    internal static AccountScope? FromProperty(JsonElement element) => element.Deserialize<AccountScope>(JsonSerializerOptions.Web);
}

public sealed class AccountScopeValidator : AbstractValidator<AccountScope>
{
    public AccountScopeValidator()
    {
        RuleFor(s => s.Roles).NotEmpty().WithMessage("At least one role.");
        RuleForEach(s => s.Roles).Must(r => BuildingBlocks.Security.Roles.InTokens.Contains(r))
            .WithMessage($"One of: {string.Join(", ", BuildingBlocks.Security.Roles.InTokens)}.");
        // An id: a community's name repeats across sub-districts, and a name claim would reach every one of them.
        RuleFor(s => s.Community).Must(c => Guid.TryParse(c, out var id) && id != Guid.Empty).When(s => s.Roles.Contains(BuildingBlocks.Security.Roles.CommunityStaff))
            .WithMessage("community-staff needs the id of the community they serve.");
        RuleFor(s => s.Company).NotEmpty().When(s => s.Roles.Contains(BuildingBlocks.Security.Roles.CompanyUser))
            .WithMessage("company-user needs the company's id.");
        RuleFor(s => s.Instructor).NotEmpty().When(s => s.Roles.Contains(BuildingBlocks.Security.Roles.Instructor))
            .WithMessage("instructor needs the instructor's id.");
        RuleFor(s => s.RateLimit).InclusiveBetween(1, 1_000_000);
    }
}

/// <summary>An operator who signs in with a user name and password (the district's own accounts;
/// a government provider replaces these by configuration).</summary>
public sealed class Operator
{
    public required string UserName { get; init; }

    public required string DisplayName { get; set; }

    public required string PasswordHash { get; set; }

    public required AccountScope Scope { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }
}

public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : DbContext(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public const string Schema = "identity";

    /// <summary>The provider's options, the same at run time and design time.</summary>
    public static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations", Schema);

    public DbSet<Operator> Operators => Set<Operator>();

    /// <summary>The keys of sign-in cookies and forms, shared by every instance (a form from one is accepted by another).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>The identity service's audit trail: every change to accounts (systems, consoles, operators and their roles).</summary>
    public DbSet<BuildingBlocks.Security.AuditRecord> Audit => Set<BuildingBlocks.Security.AuditRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<BuildingBlocks.Security.AuditRecord>(e =>
        {
            e.ToTable("audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Roles).HasConversion(v => v.ToArray(), v => v, new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<IReadOnlyList<string>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (hash, role) => HashCode.Combine(hash, role.GetHashCode(StringComparison.Ordinal))), v => v.ToArray()));
            e.HasIndex(a => a.At);
        });
        modelBuilder.Entity<Operator>(e =>
        {
            e.HasKey(o => o.UserName);
            e.Property(o => o.UserName).HasMaxLength(100);
            e.Property(o => o.Scope).HasColumnType("jsonb")
                .HasConversion(v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web), v => JsonSerializer.Deserialize<AccountScope>(v, JsonSerializerOptions.Web)!);
        });
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: the model without a running service (no connection is opened).</summary>
internal sealed class IdentityDbDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<IdentityDb>()
        .UseNpgsql("Host=localhost", IdentityDb.Npgsql)
        .UseOpenIddict()
        .Options);
}
