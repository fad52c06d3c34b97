using RedProperty.Overview.DistrictLog;
using RedProperty.Overview.Figures;

namespace RedProperty.Overview;

/// <summary>
/// The district at a glance: keeps every public event in its own ordered district log (read from the
/// public feed like any outside system), folds the report's figures from it, replays it to integrators
/// who join late, and shows it to operators as a page.
/// </summary>
public sealed class OverviewService
{
    public const string Name = "overview";

    public static void Register(IHostApplicationBuilder builder)
    {
        builder.AddHttpConventions<OverviewService>(ApiExamples.Add);
        builder.Services.AddSingleton<DistrictLogPublishers>();
        builder.Services.AddSingleton<IBrokerUpgrade, DistrictLogQueue>();
        builder.AddMessaging(Name, bus => bus.AddConsumer<DistrictLogConsumer>(typeof(DistrictLogConsumerDefinition)));
        builder.AddEventStore(Name, options =>
        {
            options.Events.AddEventType<DistrictEventLogged>();
            options.Schema.For<LoggedId>().Identity(l => l.Id);
        });
        builder.Services.AddSingleton<DistrictLogCache>();
        builder.Services.AddSingleton<BuildingBlocks.EventStore.IRebuildStep, DistrictFiguresRebuild>();
    }
}
