using Marten;
using RabbitMQ.Client;
using RedProperty.BuildingBlocks.Messaging;

namespace RedProperty.Testing;

/// <summary>
/// Personal data typed into any text field never reaches the public exchange (and so never the Overview's district
/// log, which is read from it): every command of a service with <see cref="GeneratedBadInput.PersonalText"/> in each
/// text field in turn, then everything the service published, read as an outside system reads it.
/// </summary>
public static class PublicFeedCheck
{
    /// <param name="expectPublished">
    /// Whether the commands a generated body gets accepted by publish anything. They do not in Consultation, whose examples
    /// that pass (parties, meetings, invitations, agenda, attendance) have no public contract. Its public events need a
    /// meeting in session; their text fields are checked contract by contract in <c>Overview.Tests/PublicFeedPersonalDataTests</c>.
    /// </param>
    public static async Task NoPersonalDataReachesThePublicExchangeAsync(Uri broker, IDocumentStore store, GeneratedBadInput commands, bool expectPublished = true)
    {
        await using var connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "personal-text-watch" }.CreateConnectionAsync();
        await using var watch = await IntegratorQueue.BindAsync(connection, "#");

        var (sent, accepted) = await commands.SendPersonalTextAsync();
        Assert.True(accepted.Count >= 5, $"only {accepted.Count} of {sent} commands with personal text were accepted: too few to mean anything");

        // Every event appended so far is published (the forwarder commits a page only after the broker confirmed it).
        await Eventually.True(async () =>
        {
            var progress = await PipelineProgress.ReadAsync(store, TimeProvider.System, forwards: true, CancellationToken.None);
            return progress.ForwarderPosition >= progress.EventSequence;
        }, TimeSpan.FromSeconds(120), "the forwarder at the end of the log");

        var published = (await watch.DrainAsync()).Select(IntegratorQueue.Text).ToList();
        Assert.True(published.Count > 0 || !expectPublished, $"nothing was published after {string.Join(", ", accepted.Distinct())}");
        var leaks = published.Where(m => GeneratedBadInput.PersonalPatterns.Any(m.Contains)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {published.Count} public messages hold personal data, e.g. {leaks.FirstOrDefault()}");
    }
}
