using RedProperty.BuildingBlocks.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
// The gateway checks bearer tokens too (defence in depth): a request without a valid one never
// reaches a service. Sign-in itself and the API-key routes (checked by Evaluation) pass through.
builder.AddSignIn();
// Routes by path prefix (appsettings.json "ReverseProxy"); cluster addresses such as
// http://organization are resolved through Aspire service discovery.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.UseStatusCodePages();
app.UseSignIn();
app.MapDefaultEndpoints();
app.MapReverseProxy();

app.Run();
