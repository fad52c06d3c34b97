using JasperFx.Events.Projections;
using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.EventStore;
using RedProperty.Evaluation.ApiKeys;
using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Hotline;
using RedProperty.Evaluation.Inspections;
using RedProperty.Evaluation.Open311;
using RedProperty.Evaluation.PartyBuilding;
using RedProperty.Evaluation.Periods;
using RedProperty.Evaluation.Places;
using RedProperty.Evaluation.Projects;
using RedProperty.Evaluation.Rectifications;

namespace RedProperty.Evaluation;

/// <summary>Service evaluation (提升服务质量): complaints, inspections, the red/black list.</summary>
public sealed class EvaluationService
{
    public const string Name = "evaluation";

    public static void Register(IHostApplicationBuilder builder)
    {
        builder.AddHttpConventions<EvaluationService>(ApiExamples.Add);
        builder.AddMessaging(Name, bus =>
        {
            bus.AddConsumer<PropertyCompanyRegisteredConsumer>();
            bus.AddConsumer<PropertyCompanyUpdatedConsumer>();
            bus.AddConsumer<CommunityRegisteredConsumer>();
            bus.AddConsumer<EstateRegisteredConsumer>();
            bus.AddConsumer<EstateUpdatedConsumer>();
            bus.AddConsumer<EstateServiceContractedConsumer>();
            bus.AddConsumer<EstateServiceContractEndedConsumer>();
            bus.AddConsumer<PartyBranchFormingStartedConsumer>();
            bus.AddConsumer<PartyBranchEstablishedConsumer>();
            bus.AddConsumer<PartyBranchDissolvedConsumer>();
        }, replaysFrom: ["organization"]);
        // Two updates of one company may be consumed at once; the loser fails, is retried and re-reads.
        builder.AddEventStore(Name, options =>
        {
            options.Schema.For<CompanyDirectoryEntry>().UseOptimisticConcurrency(true);
            options.Schema.For<ApiKey>().UniqueIndex(k => k.Hash);
            // Consumed concurrently (contracts and updates of one estate): the loser retries and re-reads.
            options.Schema.For<EstateDirectoryEntry>().UseOptimisticConcurrency(true);
            options.Schema.For<CommunityDirectoryEntry>();
            options.Projections.Add<ComplaintDetailsProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<ComplaintContactProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<ComplaintDetails>()
                .Index(c => c.FiledAt)
                .Index(c => c.CompanyId)
                .Index(c => c.DueAt)
                .Index(c => c.WorkOrder!.Number); // the hotline asks by its work order (GET ?workOrder=)
            options.Schema.For<ComplaintSubmission>();
            options.Schema.For<HotlineCallback>().Index(c => c.NextAttemptAt);
            // What an erasure overwrites in complaints filed before the complainant was sealed (PersonalData).
            options.Events.AddMaskingRuleForProtectedInformation<ComplaintFiled>(e => e with { Complainant = ComplainantSeal.Erase(e.Complainant) });
            options.Projections.Add<InspectionDetailsProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<RectificationDetailsProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<ProjectDetailsProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<InspectionDetails>().Index(i => i.CompanyId).Index(i => i.On);
            options.Projections.Add<PeriodDetailsProjection>(ProjectionLifecycle.Inline);
            options.Projections.Add<Summary.EvaluationDaysProjection>(ProjectionLifecycle.Async);
            options.Schema.For<PartyBuildingEntry>().UseOptimisticConcurrency(true);
        })
        .PublishIntegrationEvents(IntegrationEvents.Map)
        .SendHotlineCallbacks(builder);
        builder.Services.AddSingleton<ComplaintCategories>();
        builder.Services.AddSingleton<HotlineCategories>();
        builder.Services.AddSingleton<InspectionChecklist>();
        builder.Services.AddSingleton<ScoringPolicy>();
        builder.Services.AddSingleton<RenderedNotices>();
        NoticeFont.Configure(builder.Configuration["Notices:FontPath"]);
        builder.Services.AddHostedService<OverdueComplaints>();
        builder.Services.AddHostedService<RectificationEscalation>();
        // First, so Open311 routes answer errors in Open311's form rather than problem+json.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, Open311ErrorWriter>());
        ApiKeyAuthentication.Add(builder);
    }
}
