using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedProperty.BuildingBlocks.Messaging;
using RedProperty.BuildingBlocks.Security;
using Scalar.AspNetCore;

namespace RedProperty.BuildingBlocks.Http;

public static class HttpConventions
{
    /// <summary>Problem details, validators of <typeparamref name="TService"/>'s assembly, JSON that
    /// keeps Chinese text readable, and the OpenAPI document.</summary>
    public static IHostApplicationBuilder AddHttpConventions<TService>(this IHostApplicationBuilder builder, Action<OpenApiExamples>? examples = null)
    {
        var registry = new OpenApiExamples()
            .Add(new ReplayIntegrationEvents("evaluation-property-company-registered", 0, null, ["redproperty.organization.property-company-registered.v1"], 1_000));
        examples?.Invoke(registry);
        builder.Services.AddSingleton(registry);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddSingleton(services => RequestHashKey.From(builder.Configuration, builder.Environment));
        // Taken at start (not in the topology step, which starts no host): missing or weak outside Development, the service stops.
        builder.Services.AddHostedService<RequestHashKey.StartCheck>();
        builder.Services.AddRequestBodyLimit(builder.Configuration);
        // Unreadable bodies throw, so the handler above answers them as problem+json too.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new PrintableStrings());
        });
        // Stop a rule at its first failure, so later checks never see a null the first one reported.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        builder.Services.AddValidatorsFromAssemblyContaining<TService>(includeInternalTypes: true);
        builder.Services.AddValidatorsFromAssemblyContaining<ReplayIntegrationEventsValidator>();
        builder.Services.AddOpenApi(o => o
            .AddSchemaTransformer<ExampleSchemaTransformer>()
            .AddDocumentTransformer<SecuritySchemeTransformer>()
            .AddOperationTransformer<SecuritySchemeTransformer>());
        builder.AddSignIn();
        return builder;
    }

    public static WebApplication UseHttpConventions(this WebApplication app)
    {
        app.UseClientAddressFromGateway();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before sign-in: an API key may travel in a form, which sign-in reads, and no body may be read past the limit.
        app.UseRequestBodyLimit();
        app.UseSignIn();
        app.UseIdempotencyKeys();
        app.MapOpenApi().AllowAnonymous();
        // The API reference page in every environment; only in Development is it signed in with a
        // development client (so "Send" works at once). Elsewhere the caller types a client of their own.
        var tokenUrl = SecuritySchemeTransformer.TokenUrl(app.Configuration).ToString();
        var development = app.Environment.IsDevelopment();
        app.MapScalarApiReference(o => o
                .AddPreferredSecuritySchemes(SecuritySchemeTransformer.OAuth2)
                .AddClientCredentialsFlow(SecuritySchemeTransformer.OAuth2, flow =>
                {
                    flow.WithTokenUrl(tokenUrl).WithSelectedScopes([SignIn.Audience]);
                    if (development)
                    {
                        flow.WithClientId(app.Configuration["Auth:ScalarClientId"] ?? "dev-district-admin")
                            .WithClientSecret(app.Configuration["Auth:ScalarClientSecret"] ?? "redproperty-dev-secret");
                    }
                }))
            .AllowAnonymous();

        return app;
    }
}
