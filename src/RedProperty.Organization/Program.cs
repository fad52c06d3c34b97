using RedProperty.BuildingBlocks;
using RedProperty.Organization;
using RedProperty.Organization.Companies;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
OrganizationService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapCompaniesApi();

app.Run();
