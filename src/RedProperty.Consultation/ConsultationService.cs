using JasperFx.Events.Projections;
using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;
using RedProperty.Consultation.Places;
using RedProperty.Consultation.Proposals;

namespace RedProperty.Consultation;

/// <summary>Joint consultation (党建联席): community big party committees, joint meetings, resolutions and their follow-up.</summary>
public sealed class ConsultationService
{
    public const string Name = "consultation";

    public static void Register(IHostApplicationBuilder builder)
    {
        builder.AddHttpConventions<ConsultationService>(ApiExamples.Add);
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<CommunityRegisteredConsumer>();
            bus.AddConsumer<PropertyCompanyRegisteredConsumer>();
            bus.AddConsumer<EstateRegisteredConsumer>();
            bus.AddConsumer<EstateServiceContractedConsumer>();
            bus.AddConsumer<PartyMemberJoinedCompanyConsumer>();
            bus.AddConsumer<PartyMemberCompanyRoleChangedConsumer>();
            bus.AddConsumer<PartyMemberMovedCompanyConsumer>();
            bus.AddConsumer<PartyMemberLeftCompanyConsumer>();
            bus.AddConsumer<PartyMemberErasedConsumer>();
            bus.AddConsumer<ComplaintOverdueConsumer>();
            bus.AddConsumer<BlackListPublishedConsumer>();
            bus.AddConsumer<DisputeEscalatedConsumer>();
        }, replaysFrom: ["organization", "evaluation", "volunteering"]);
        builder.AddEventStore(Name, options =>
            {
                options.Projections.Add<CommitteeDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<PartyDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<PartyContactsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<MeetingDetailsProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<ActionDetailsProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<CommitteeOfCommunity>();
                // Consumed concurrently (messages about one new thing): inserted when new, stored under optimistic concurrency after.
                options.Schema.For<EstateEntry>().UseOptimisticConcurrency(true);
                options.Schema.For<PartyMemberEntry>().UseOptimisticConcurrency(true);
                options.Schema.For<AgendaProposal>();
                // What an erasure overwrites in events written before contacts were sealed, and in committees' copies of members' names.
                options.Events.AddMaskingRuleForProtectedInformation<PartyRegistered>(e => e with { Contacts = [.. e.Contacts.Select(PartyContactErasure.Erase)] });
                options.Events.AddMaskingRuleForProtectedInformation<CommitteeMemberAppointed>(e => e with { Name = PersonalData.Erased });
            })
            .PublishIntegrationEvents(IntegrationEvents.Map);
        builder.Services.AddHostedService<OverdueActions>();
    }
}
