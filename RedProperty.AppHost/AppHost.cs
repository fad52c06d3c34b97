using RedProperty.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var deps = builder.AddDependencies();

// The topology step: each consuming service declares its queues and bindings and exits before any
// service starts, so nothing published is dropped for want of a queue (RabbitMQ drops what no queue
// is bound to), whatever order the services start in later.
var topology = builder.AddTopologyStep<Projects.RedProperty_Evaluation>("evaluation", deps);

var evaluation = builder.AddProject<Projects.RedProperty_Evaluation>("evaluation")
    .WithPlainHttp()
    .WithDependencies(deps, "evaluation")
    .WaitForCompletion(topology)
    .WithHttpHealthCheck("/health");

var organization = builder.AddProject<Projects.RedProperty_Organization>("organization")
    .WithPlainHttp()
    .WithDependencies(deps, "organization")
    .WaitForCompletion(topology)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.RedProperty_Gateway>("gateway")
    .WithPlainHttp()
    .WithReference(organization).WaitFor(organization)
    .WithReference(evaluation).WaitFor(evaluation)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/alive");

builder.Build().Run();
