using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var max = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Http:MaxRequestBodyBytes", DefaultMaxBytes);
        return app.Use(async (context, next) =>
        {
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
