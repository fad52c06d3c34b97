using RedProperty.Overview;
using RedProperty.Overview.DistrictLog;
using RedProperty.Overview.Figures;
using RedProperty.Overview.Page;
using RedProperty.Overview.Schemas;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
OverviewService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapFiguresApi();
app.MapFeedApi();
app.MapSchemasApi();
app.MapOperatorPage();
app.MapErrorQueueOperations("/api/overview", OverviewService.Name);
app.MapAuditTrail("/api/overview");

await app.RunServiceAsync();
