using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// Bodies larger than <c>Http:MaxRequestBodyBytes</c> (default 256 KiB; the largest real request, a
/// ledger of estates, is a few KiB) are refused with 413 problem+json before they are read. A body
/// without Content-Length is cut off at the same size by the server, which answers 413 as well.
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultMaxBytes = 256 * 1024;

    /// <summary>
    /// The form reader's own limits (field count, key length) set as high as the body limit allows: a form
    /// within the limit is always read, so no form fails inside sign-in (which reads an API key from it and
    /// would turn the failure into a 401 that names nothing).
    /// </summary>
    public static IServiceCollection AddRequestBodyLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var max = configuration.GetValue("Http:MaxRequestBodyBytes", DefaultMaxBytes);
        return services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = (int)Math.Min(int.MaxValue, max);
            o.KeyLengthLimit = (int)Math.Min(int.MaxValue, max);
            o.ValueLengthLimit = (int)Math.Min(int.MaxValue, max);
            o.MultipartBodyLengthLimit = max;
        });
    }

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var defaultMax = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Http:MaxRequestBodyBytes", DefaultMaxBytes);
        return app.Use(async (context, next) =>
        {
            // An endpoint that takes files says how large (WithBodyLimit).
            var max = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? defaultMax;
            if (context.Request.ContentLength > max)
            {
                await Refuse(context, max);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }

            await next(context);
        });
    }

    /// <summary>This endpoint's bodies may hold up to <paramref name="bytes"/> (a file upload), instead of <c>Http:MaxRequestBodyBytes</c>.</summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder route, long bytes) => route.WithMetadata(new BodyLimit(bytes));

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    private static ValueTask Refuse(HttpContext context, long max)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"A request body may hold at most {max} bytes.",
            },
        });
    }
}
