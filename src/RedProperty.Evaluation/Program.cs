using RedProperty.BuildingBlocks;
using RedProperty.Evaluation;
using RedProperty.Evaluation.Companies;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
EvaluationService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapCompanyDirectoryApi();
app.MapErrorQueueOperations("/api/evaluation", EvaluationService.Name);

await app.RunServiceAsync();
