using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.Overview.Figures;

/// <summary>
/// The Overview's figures are folds of the district log kept in memory, so rebuilding them is folding today's
/// from the whole log, as the first reader after a start does; the rebuild step measures it.
/// </summary>
public sealed class DistrictFiguresRebuild(DistrictLogCache log, TimeProvider time) : IRebuildStep
{
    public string Name => "DistrictFigures";

    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var before = log.EntriesFolded;
        await log.FiguresAsync(time.GetUtcNow(), cancellationToken);
        return log.EntriesFolded - before;
    }
}
