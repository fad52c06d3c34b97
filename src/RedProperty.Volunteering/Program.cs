using RedProperty.Volunteering;
using RedProperty.Volunteering.Summary;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
VolunteeringService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapVolunteeringApi();
app.MapSummaryApi();
app.MapErrorQueueOperations("/api/volunteering", VolunteeringService.Name);
app.MapIntegrationEventReplay("/api/volunteering", VolunteeringService.Name);
app.MapUnroutedOperations("/api/volunteering", VolunteeringService.Name);
app.MapPersonalDataAudit("/api/volunteering");

await app.RunServiceAsync();
