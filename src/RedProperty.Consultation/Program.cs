using RedProperty.Consultation;
using RedProperty.Consultation.Actions;
using RedProperty.Consultation.Committees;
using RedProperty.Consultation.Meetings;
using RedProperty.Consultation.Parties;
using RedProperty.Consultation.Summary;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
ConsultationService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapCommitteesApi();
app.MapPartiesApi();
app.MapMeetingsApi();
app.MapActionsApi();
app.MapSummaryApi();
app.MapErrorQueueOperations("/api/consultation", ConsultationService.Name);
app.MapIntegrationEventReplay("/api/consultation", ConsultationService.Name);
app.MapUnroutedOperations("/api/consultation", ConsultationService.Name);
app.MapAuditTrail("/api/consultation");

await app.RunServiceAsync();
