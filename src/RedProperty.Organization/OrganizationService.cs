using JasperFx.Events.Projections;
using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Geography;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;

namespace RedProperty.Organization;

/// <summary>Organisation building (完善组织体系): the registry of companies and, later, the four ledgers.</summary>
public sealed class OrganizationService
{
    public const string Name = "organization";

    public static void Register(IHostApplicationBuilder builder)
    {
        builder.AddHttpConventions<OrganizationService>(ApiExamples.Add);
        builder.AddMessaging(Name);
        builder.AddEventStore(Name, options =>
            {
                options.Projections.Add<CompanyDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<MemberDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<BranchDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<InstructorDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<ResponsibilityZoneDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<PioneerPostDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<SubDistrictDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<CommunityDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<EstateDetailsProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<CreditCodeRegistration>();
                options.Schema.For<PlaceName>();
                options.Schema.For<PersonRegistration>();
                // What an erasure overwrites in events written before names were sealed (PersonalData).
                options.Events.AddMaskingRuleForProtectedInformation<PartyMemberRegistered>(e => e with { Name = PersonalData.Erased, PersonKey = null });
                options.Events.AddMaskingRuleForProtectedInformation<PledgeMade>(e =>
                    e with { Identity = PersonalData.Erased, Standards = PersonalData.Erased, Commitments = PersonalData.Erased });
                options.Schema.For<BranchClaim>();
            })
            .PublishIntegrationEvents(IntegrationEvents.Map);
        builder.Services.AddHostedService<MonthCloseService>();
        builder.Services.AddSingleton<PersonKeys>();
    }
}
