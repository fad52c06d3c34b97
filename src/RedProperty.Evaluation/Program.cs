using RedProperty.BuildingBlocks;
using RedProperty.BuildingBlocks.Security;
using RedProperty.Evaluation;
using RedProperty.Evaluation.ApiKeys;
using RedProperty.Evaluation.Companies;
using RedProperty.Evaluation.Complaints;
using RedProperty.Evaluation.Hotline;
using RedProperty.Evaluation.Inspections;
using RedProperty.Evaluation.Open311;
using RedProperty.Evaluation.Periods;
using RedProperty.Evaluation.Places;
using RedProperty.Evaluation.Projects;
using RedProperty.Evaluation.Rectifications;
using RedProperty.Evaluation.Summary;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
EvaluationService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapCompanyDirectoryApi();
app.MapPlaceDirectoryApi();
app.MapComplaintsApi();
app.MapHotlineCallbacksApi();
app.MapOpen311Api();
app.MapInspectionsApi();
app.MapRectificationsApi();
app.MapProjectsApi();
app.MapPeriodsApi();
app.MapSummaryApi();
app.MapApiKeysApi();
app.MapErrorQueueOperations("/api/evaluation", EvaluationService.Name);
app.MapIntegrationEventReplay("/api/evaluation", EvaluationService.Name);
app.MapUnroutedOperations("/api/evaluation", EvaluationService.Name);
app.MapAuditTrail("/api/evaluation");

await app.RunServiceAsync();
