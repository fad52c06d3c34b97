using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RedProperty.BuildingBlocks.EventStore;

namespace RedProperty.BuildingBlocks.Http;

/// <summary>
/// Turns the exceptions that mean "your request" rather than "our bug" into problem+json:
/// unreadable input 400, missing If-Match 428, stale If-Match 412, broken rule 409, and the database
/// away (a transient connection failure) 503 with <c>Retry-After</c>, so clients wait and retry
/// instead of taking it for a fault of their request. Anything else stays a 500 and is logged.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IConfiguration configuration, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    private readonly int _retryAfterSeconds = configuration.GetValue("Http:RetryAfterSeconds", 5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemFor(exception, httpContext, _retryAfterSeconds);
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Request answered 503: the database does not answer");
            httpContext.Response.Headers.RetryAfter = _retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            logger.LogInformation("Request refused with {Status}: {Title}", problem.Status, problem.Title);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The problem an exception is answered with; null for one that is a fault of ours (a 500).</summary>
    public static ProblemDetails? ProblemFor(Exception exception, HttpContext httpContext, int retryAfterSeconds) =>
        exception switch
        {
            BadHttpRequestException bad => BadRequest(bad),
            // A form past the form reader's limits (fields, key or value length).
            InvalidDataException when httpContext.Request.HasFormContentType =>
                Problem(StatusCodes.Status400BadRequest, "Invalid request", exception.Message),
            InvalidFieldException invalid => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid request",
            },
            PreconditionRequiredException => Problem(StatusCodes.Status428PreconditionRequired, "If-Match required", exception.Message),
            ResourceNotFoundException => Problem(StatusCodes.Status404NotFound, "Not found", exception.Message),
            StaleVersionException or ConcurrencyException =>
                Problem(StatusCodes.Status412PreconditionFailed, "Stale version",
                    "The resource changed since you read it. Read it again and retry with its new ETag."),
            AlreadyExistsException exists => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Already exists",
                Detail = exception.Message,
                Extensions = { ["existing"] = exists.Existing },
            },
            DomainException => Problem(StatusCodes.Status409Conflict, "Rule broken", exception.Message),
            Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException =>
                Problem(StatusCodes.Status409Conflict, "Already exists", "A resource with the same identity already exists."),
            _ when DatabaseOutages.IsOutage(exception) =>
                Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", $"The database does not answer; try again in {retryAfterSeconds} s."),
            _ when DocumentConflicts.Any(exception) =>
                Problem(StatusCodes.Status409Conflict, "Already exists", "A resource with the same identity already exists."),
            _ => null,
        };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    // Unreadable input: name the field the parser stopped at, e.g. "$.creditCode" → "creditCode".
    private static HttpValidationProblemDetails BadRequest(BadHttpRequestException exception)
    {
        var field = exception.InnerException is JsonException { Path: { Length: > 2 } path } ? path.TrimStart('$', '.') : null;
        var problem = new HttpValidationProblemDetails
        {
            Status = exception.StatusCode, // 400, or 415 for a body that is not JSON
            Title = "Invalid request",
            Detail = field is null ? exception.Message : $"The value of '{field}' cannot be read.",
        };
        if (field is not null)
        {
            problem.Errors[field] = [exception.InnerException!.Message];
        }

        return problem;
    }
}
