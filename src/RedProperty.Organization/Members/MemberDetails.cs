using Marten.Events.Aggregation;

namespace RedProperty.Organization.Members;

/// <summary>A party member as the ledger shows them; updated inline with every change.</summary>
public sealed record MemberDetails(
    Guid Id, Guid CompanyId, string Name, string Position, JoinedVia Via, MemberStage Stage, DateOnly? AdmittedOn,
    bool RelationTransferredIn, bool HasLeft, string? LeftReason, DateTimeOffset RegisteredAt) : IVersioned
{
    /// <summary>The stream version, which is also the ETag. Set by Marten.</summary>
    public long Version { get; set; }

    public bool CountsAsMember => MemberStages.CountsAsMember(Stage, HasLeft);

    public CompanyRole CompanyRole { get; init; } = CompanyRole.Staff;

    /// <summary>A head of the company (legal representative, general manager, deputy).</summary>
    public bool IsCompanyHead => CompanyRoles.IsHead(CompanyRole);

    /// <summary>The companies the person worked for here before, with the day they moved on.</summary>
    public IReadOnlyList<PreviousCompany> PreviousCompanies { get; init; } = [];

    /// <summary>The member's current public pledge, if any.</summary>
    public Pledge? Pledge { get; init; }

    /// <summary>Each step of the development pipeline, with its date and sponsors.</summary>
    public IReadOnlyList<DevelopmentStep> Development { get; init; } = [];

    public static MemberDetails Create(PartyMemberRegistered e) =>
        new(e.MemberId, e.CompanyId, e.Name, e.Position, e.Via, e.Stage, e.AdmittedOn, e.RelationTransferredIn, false, null, e.RegisteredAt)
        {
            Version = 1,
            CompanyRole = e.CompanyRole,
        };
}

public sealed record PreviousCompany(Guid CompanyId, DateOnly MovedOn);

public sealed record DevelopmentStep(MemberStage Stage, DateOnly On, IReadOnlyList<string> Sponsors);

public sealed record Pledge(string Identity, string Standards, string Commitments, DateOnly PublishedOn);

public sealed class MemberDetailsProjection : PersonalDataProjection<MemberDetails, PartyMemberRegistered>
{
    // The name is sealed in the event (see PersonalData): opened here, or read as erased once the key is gone.
    public static async Task<MemberDetails> Create(PartyMemberRegistered e, IQuerySession session) =>
        MemberDetails.Create(e with { Name = (await PersonalData.UnsealAsync(session, e.MemberId, e.Name))! });

    /// <summary>The name and the pledge's words are gone; the member still counts as before.</summary>
    public static MemberDetails Apply(PersonalDataErased e, MemberDetails m) =>
        m with
        {
            Name = PersonalData.Erased,
            Pledge = m.Pledge is { } pledge ? pledge with { Identity = PersonalData.Erased, Standards = PersonalData.Erased, Commitments = PersonalData.Erased } : null,
        };

    public static MemberDetails Apply(DevelopmentStageReached e, MemberDetails m) =>
        m with
        {
            Stage = e.Stage,
            AdmittedOn = e.Stage == MemberStage.Probationary ? e.On : m.AdmittedOn,
            Development = [.. m.Development, new DevelopmentStep(e.Stage, e.On, e.Sponsors)],
        };

    public static MemberDetails Apply(MemberRelationTransferredIn e, MemberDetails m) => m with { RelationTransferredIn = true };

    public static MemberDetails Apply(MemberRelationTransferredOut e, MemberDetails m) => m with { RelationTransferredIn = false };

    public static MemberDetails Apply(PartyMemberLeftCompany e, MemberDetails m) => m with { HasLeft = true, LeftReason = e.Reason };

    public static MemberDetails Apply(MemberCompanyRoleChanged e, MemberDetails m) => m with { CompanyRole = e.Role, Position = e.Position };

    public static MemberDetails Apply(MemberMovedCompany e, MemberDetails m) =>
        m with
        {
            CompanyId = e.ToCompanyId,
            CompanyRole = e.Role,
            Position = e.Position,
            HasLeft = false,
            LeftReason = null,
            PreviousCompanies = [.. m.PreviousCompanies, new PreviousCompany(e.FromCompanyId, e.On)],
        };

    public static MemberDetails Apply(PledgeMade e, MemberDetails m) => m with { Pledge = new Pledge(e.Identity, e.Standards, e.Commitments, e.PublishedOn) };
}

public static class GetMemberEndpoint
{
    public static Task<Results<Ok<MemberDetails>, NotFound>> Handle(
        Guid id, IQuerySession session, HttpResponse response, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        session.Read<MemberDetails>(id, response, cancellationToken, visible: m => Caller.Of(user).Sees(m.CompanyId));
}
