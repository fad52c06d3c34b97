using RedProperty.BuildingBlocks;
using RedProperty.Organization;
using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Members;
using RedProperty.Organization.Summary;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
OrganizationService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapCompaniesApi();
app.MapMembersApi();
app.MapBranchesApi();
app.MapInstructorsApi();
app.MapOrganizationApi();

app.Run();
