using RedProperty.BuildingBlocks.Security;
using RedProperty.Organization;
using RedProperty.Organization.Branches;
using RedProperty.Organization.Companies;
using RedProperty.Organization.Geography;
using RedProperty.Organization.Instructors;
using RedProperty.Organization.Ledgers;
using RedProperty.Organization.Members;
using RedProperty.Organization.RedButler;
using RedProperty.Organization.Summary;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
OrganizationService.Register(builder);

var app = builder.Build();

app.UseHttpConventions();
app.MapDefaultEndpoints();
app.MapGeographyApi();
app.MapCompaniesApi();
app.MapMembersApi();
app.MapBranchesApi();
app.MapInstructorsApi();
app.MapRedButlerApi();
app.MapLedgersApi();
app.MapSummaryApi();
app.MapIntegrationEventReplay("/api/organization", OrganizationService.Name);
app.MapUnroutedOperations("/api/organization", OrganizationService.Name);
app.MapAuditTrail("/api/organization");

await app.RunServiceAsync();
