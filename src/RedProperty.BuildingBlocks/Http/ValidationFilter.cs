using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace RedProperty.BuildingBlocks.Http;

public static class ValidationFilter
{
    /// <summary>Validates the <typeparamref name="TRequest"/> argument with its FluentValidation
    /// validator; a failure is 400 problem+json whose <c>errors</c> are keyed by the JSON field name.</summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder route) where TRequest : class =>
        route
            .AddEndpointFilter(async (context, next) =>
            {
                var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
                if (request is null)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "A JSON body is required.");
                }

                if (RequestShape.Check(request) is { Count: > 0 } shape)
                {
                    return TypedResults.ValidationProblem(shape, title: "Invalid request");
                }

                var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
                var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
                if (result.IsValid)
                {
                    return await next(context);
                }

                var errors = result.Errors
                    .GroupBy(e => JsonFieldName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
                return TypedResults.ValidationProblem(errors, title: "Invalid request");
            })
            .ProducesValidationProblem();

    // "Estates[0].HouseholdCount" → "estates[0].householdCount", matching the camelCase JSON.
    private static string JsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

public static class ChangeProblems
{
    /// <summary>The answers every If-Match change can give besides 200.</summary>
    public static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder route) =>
        route
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
