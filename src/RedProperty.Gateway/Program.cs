var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// Routes by path prefix (appsettings.json "ReverseProxy"); cluster addresses such as
// http://organization are resolved through Aspire service discovery.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapReverseProxy();

app.Run();
