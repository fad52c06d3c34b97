using JasperFx.Events.Projections;
using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Places;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;

namespace RedProperty.Volunteering;

/// <summary>Volunteer activities (志愿服务): volunteers, teams, activities and hours, neighbour-dispute mediation.</summary>
public sealed class VolunteeringService
{
    public const string Name = "volunteering";

    public static void Register(IHostApplicationBuilder builder)
    {
        builder.AddHttpConventions<VolunteeringService>(ApiExamples.Add);
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<CommunityRegisteredConsumer>();
            bus.AddConsumer<EstateRegisteredConsumer>();
            bus.AddConsumer<PartyMemberJoinedCompanyConsumer>();
            bus.AddConsumer<InstructorAppointedConsumer>();
            bus.AddConsumer<PartyMemberErasedConsumer>();
        }, replaysFrom: ["organization"]);
        builder.AddEventStore(Name, options =>
            {
                options.Projections.Add<VolunteerDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<VolunteerContactProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<TeamDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<ActivityDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<DisputeDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<DisputePartiesProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<Summary.VolunteeringDaysProjection>(ProjectionLifecycle.Async);
                options.Schema.For<VolunteerPerson>();
                // What an erasure overwrites in events written before these fields were sealed (PersonalData).
                options.Events.AddMaskingRuleForProtectedInformation<VolunteerRegistered>(e =>
                    e with { Name = PersonalData.Erased, Phone = e.Phone is null ? null : PersonalData.Erased, IdNumberKey = PersonalData.Erased, IdNumberTail = PersonalData.Erased });
            })
            .PublishIntegrationEvents(IntegrationEvents.Map);
        builder.Services.AddSingleton<PersonKey>();
        builder.Services.AddSingleton<ActivityTypes>();
        builder.Services.AddHostedService<OverdueDisputes>();
    }
}
