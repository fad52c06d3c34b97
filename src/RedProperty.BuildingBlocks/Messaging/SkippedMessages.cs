using MassTransit;
using RedProperty.BuildingBlocks.Observability;

namespace RedProperty.BuildingBlocks.Messaging;

/// <summary>Counts what a queue received but no consumer of it handles (MassTransit moves it to <c>{queue}_skipped</c>).</summary>
public sealed class SkippedMessages(PipelineMetrics metrics) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        if (!context.IsDelivered && !context.IsFaulted)
        {
            metrics.Skipped(context.InputAddress.AbsolutePath.Split('/')[^1]);
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
