using RedProperty.BuildingBlocks.Security;
using RedProperty.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
IdentityService.Register(builder);

var app = builder.Build();

app.UseClientAddressFromGateway();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapOpenApi().AllowAnonymous();
app.MapSignInEndpoints();
app.MapAccountsApi();
app.MapAuditTrail("/api/identity");

await IdentityService.PrepareAsync(app);
await app.RunAsync();
