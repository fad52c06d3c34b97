using RedProperty.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var deps = builder.AddDependencies();

// Evaluation binds its queues on start; Organization waits until it is healthy (bus ready) so that
// no event is published before a subscriber's queue exists (RabbitMQ drops what no queue is bound to).
var evaluation = builder.AddProject<Projects.RedProperty_Evaluation>("evaluation")
    .WithDependencies(deps)
    .WithHttpHealthCheck("/health");

var organization = builder.AddProject<Projects.RedProperty_Organization>("organization")
    .WithDependencies(deps)
    .WithHttpHealthCheck("/health")
    .WaitFor(evaluation);

builder.AddProject<Projects.RedProperty_Gateway>("gateway")
    .WithReference(organization).WaitFor(organization)
    .WithReference(evaluation).WaitFor(evaluation)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/alive");

builder.Build().Run();
