using Microsoft.Extensions.Hosting;
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
var identity = builder.AddService<Projects.RedProperty_Identity>("identity")
    .ScaledOut()
    .WithDependencies(deps, "identity")
    .WithHttpHealthCheck("/health");
identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"))
    .WithEnvironment("Identity__AllowPlainHttp", "true"); // TLS ends in front of the gateway
if (!builder.Environment.IsDevelopment())
{
    // Outside Development: a signing certificate of the deployment's own and the first district
    // administrator (operator "admin"); the development accounts are removed at start.
    identity.WithEnvironment("Identity__SigningCertificate__Path", builder.AddFile("identity-certificate"))
        .WithEnvironment("Identity__SigningCertificate__Password", builder.AddSecret("identity-certificate-password"))
        .WithEnvironment("Identity__Administrator__Password", builder.AddSecret("admin-password"));
}

var evaluation = builder.AddService<Projects.RedProperty_Evaluation>("evaluation")
    .ScaledOut()
    .WithDependencies(deps, "evaluation")
    .RebuiltFirst<Projects.RedProperty_Evaluation>(deps)
    .WithSignIn(identity)
    .WaitForCompletion(topology)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

// The seed's demo files the 12345 hotline's work orders of 2022Q2, years back: in Development complaints may be
// dated ten years back; a deployment keeps the default window (Complaints:BackdateWindow, 400 days).
if (builder.Environment.IsDevelopment())
{
    evaluation.WithEnvironment("Complaints__BackdateWindow", "3650.00:00:00");
}

// The 12345 hotline's status callbacks, when the deployment names its endpoint (Hotline__CallbackUrl) and
// their signing secret (Parameters__hotline_callback_secret, at least 32 characters): docs/api/evaluation.md.
if (builder.Configuration["Hotline:CallbackUrl"] is { Length: > 0 } hotlineCallbacks)
{
    evaluation.WithEnvironment("Hotline__CallbackUrl", hotlineCallbacks)
        .WithEnvironment("Hotline__CallbackSecret", builder.AddSecret("hotline-callback-secret"));
}

var consultation = builder.AddService<Projects.RedProperty_Consultation>("consultation")
    .ScaledOut()
    .WithDependencies(deps, "consultation")
    .RebuiltFirst<Projects.RedProperty_Consultation>(deps)
    .WithSignIn(identity)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

var volunteering = builder.AddService<Projects.RedProperty_Volunteering>("volunteering")
    .ScaledOut()
    .WithDependencies(deps, "volunteering")
    .RebuiltFirst<Projects.RedProperty_Volunteering>(deps)
    .WithSignIn(identity)
    // The key of the volunteers' ID-number hashes (one person, one record) and certificate codes.
    .WithEnvironment("Volunteers__PersonKey", builder.AddSecret("volunteering-person-key"))
    .WaitForCompletion(volunteeringTopology)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

var organization = builder.AddService<Projects.RedProperty_Organization>("organization")
    .ScaledOut()
    .WithDependencies(deps, "organization")
    .RebuiltFirst<Projects.RedProperty_Organization>(deps)
    .WithSignIn(identity)
    // The key of the members' ID-number hashes (one person, one record): a secret like a password.
    .WithEnvironment("Members__PersonKey", builder.AddSecret("organization-person-key"))
    .WaitForCompletion(topology)
    .WaitForCompletion(consultationTopology)
    .WaitForCompletion(volunteeringTopology)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

// The district's figures, the public feed's log and its catch-up, the operators' page.
var overview = builder.AddService<Projects.RedProperty_Overview>("overview")
    .ScaledOut()
    .WithDependencies(deps, "overview")
    .RebuiltFirst<Projects.RedProperty_Overview>(deps)
    .WithSignIn(identity)
    .WaitForCompletion(overviewTopology)
    .WithHttpHealthCheck("/health");

// One gateway here (it binds the public port itself, see below); a cluster runs several (deploy/k8s).
var gateway = builder.AddService<Projects.RedProperty_Gateway>("gateway")
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

// The key of the request hashes idempotency records keep (a body may hold an ID number): one secret for all.
var requestHashKey = builder.AddSecret("request-hash-key");
foreach (var service in new[] { organization, evaluation, consultation, volunteering, overview })
{
    service.WithEnvironment("Idempotency__HashKey", requestHashKey);
}

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

// Outside Development nothing starts while a secret is missing, weak or a development default.
if (Secrets.Refusals(builder) is { Count: > 0 } refusals)
{
    await Console.Error.WriteLineAsync($"RedProperty does not start in {builder.Environment.EnvironmentName}:");
    foreach (var refusal in refusals)
    {
        await Console.Error.WriteLineAsync($"  {refusal}");
    }

    return 1;
}

await builder.Build().RunAsync();
return 0;
