using RedProperty.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var deps = builder.AddDependencies();

// The topology step: each consuming service declares its queues and bindings and exits before any
// service starts, so nothing published is dropped for want of a queue (RabbitMQ drops what no queue
// is bound to), whatever order the services start in later.
var topology = builder.AddTopologyStep<Projects.RedProperty_Evaluation>("evaluation", deps);
var consultationTopology = builder.AddTopologyStep<Projects.RedProperty_Consultation>("consultation", deps);
var volunteeringTopology = builder.AddTopologyStep<Projects.RedProperty_Volunteering>("volunteering", deps);
// The district log's queue on the public feed: bound before anyone publishes, so Overview misses nothing.
var overviewTopology = builder.AddTopologyStep<Projects.RedProperty_Overview>("overview", deps);

// Sign-in (OpenID Connect): every service and the gateway validate the tokens it issues.
var identity = builder.AddProject<Projects.RedProperty_Identity>("identity")
    .WithPlainHttp()
    .WithDependencies(deps, "identity")
    .WithHttpHealthCheck("/health");
identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"));

var evaluation = builder.AddProject<Projects.RedProperty_Evaluation>("evaluation")
    .WithPlainHttp()
    .WithDependencies(deps, "evaluation")
    .WithSignIn(identity)
    .WaitForCompletion(topology)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

var consultation = builder.AddProject<Projects.RedProperty_Consultation>("consultation")
    .WithPlainHttp()
    .WithDependencies(deps, "consultation")
    .WithSignIn(identity)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

var volunteering = builder.AddProject<Projects.RedProperty_Volunteering>("volunteering")
    .WithPlainHttp()
    .WithDependencies(deps, "volunteering")
    .WithSignIn(identity)
    // The key of the volunteers' ID-number hashes (one person, one record) and certificate codes.
    .WithEnvironment("Volunteers__PersonKey", builder.AddPassword("volunteering-person-key"))
    .WaitForCompletion(volunteeringTopology)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

var organization = builder.AddProject<Projects.RedProperty_Organization>("organization")
    .WithPlainHttp()
    .WithDependencies(deps, "organization")
    .WithSignIn(identity)
    // The key of the members' ID-number hashes (one person, one record): a secret like a password.
    .WithEnvironment("Members__PersonKey", builder.AddPassword("organization-person-key"))
    .WaitForCompletion(topology)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(volunteeringTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

// The district's figures, the public feed's log and its catch-up, the operators' page.
var overview = builder.AddProject<Projects.RedProperty_Overview>("overview")
    .WithPlainHttp()
    .WithDependencies(deps, "overview")
    .WithSignIn(identity)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

var gateway = builder.AddProject<Projects.RedProperty_Gateway>("gateway")
    .WithPlainHttp()
    // Clients connect to the gateway itself, not through the orchestrator's TCP proxy, so it sees
    // (and forwards to the services) each client's own address, which the rate limits count by.
    .WithEndpoint("http", endpoint => endpoint.IsProxied = false)
    .WithSignIn(identity)
    .WithReference(identity)
    .WithReference(organization).WaitFor(organization)
    .WithReference(evaluation).WaitFor(evaluation)
    .WithReference(consultation).WaitFor(consultation)
    .WithReference(volunteering).WaitFor(volunteering)
    .WithReference(overview).WaitFor(overview)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/alive")
    .WithUrlForEndpoint("http", url => url.DisplayText = "gateway")
    .WithUrl("/overview", "全区概览 (operator page)");

// Each CloudEvent's dataschema: the schema as the gateway serves it.
var schemas = ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/api/overview/schemas");
foreach (var publisher in new[] { organization, evaluation, consultation, volunteering })
{
    publisher.WithEnvironment("PublicFeed__SchemaBaseUrl", schemas);
}

// Demo=true: the seed's district loaded through the gateway once everything is up (deploy/demo.sh by hand).
if (bool.TryParse(builder.Configuration["Demo"], out var demo) && demo)
{
    builder.AddExecutable("demo", "node", Path.Combine(builder.AppHostDirectory, "..", "deploy", "tools"), "demo.mjs")
        .WithEnvironment("REDPROPERTY_GATEWAY", gateway.GetEndpoint("http"))
        .WaitFor(gateway)
        .ExcludeFromManifest();
}

builder.Build().Run();
