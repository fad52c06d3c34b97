using RedProperty.Volunteering;
using RedProperty.Volunteering.Activities;
using RedProperty.Volunteering.Disputes;
using RedProperty.Volunteering.Summary;
using RedProperty.Volunteering.Teams;
using RedProperty.Volunteering.Volunteers;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
VolunteeringService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapVolunteersApi();
app.MapTeamsApi();
app.MapActivitiesApi();
app.MapDisputesApi();
app.MapSummaryApi();
app.MapErrorQueueOperations("/api/volunteering", VolunteeringService.Name);
app.MapIntegrationEventReplay("/api/volunteering", VolunteeringService.Name);
app.MapUnroutedOperations("/api/volunteering", VolunteeringService.Name);
app.MapAuditTrail("/api/volunteering");

await app.RunServiceAsync();
