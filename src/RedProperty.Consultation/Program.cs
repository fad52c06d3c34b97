using RedProperty.Consultation;
using RedProperty.Consultation.Summary;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
ConsultationService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapConsultationApi();
app.MapSummaryApi();
app.MapErrorQueueOperations("/api/consultation", ConsultationService.Name);
app.MapIntegrationEventReplay("/api/consultation", ConsultationService.Name);
app.MapUnroutedOperations("/api/consultation", ConsultationService.Name);
app.MapPersonalDataAudit("/api/consultation");

await app.RunServiceAsync();
