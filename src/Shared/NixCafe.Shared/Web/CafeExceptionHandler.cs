using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using NixCafe.Shared.Application;
using NixCafe.Shared.Domain;

namespace NixCafe.Shared.Web;

/// <summary>
/// Maps what a request can do wrong to ProblemDetails: invalid input → 400 with field errors,
/// broken business rule → 409, unknown (or another tenant's) record → 404, unreadable body → its
/// 4xx, a browser request without its antiforgery token → 400, a database that cannot serve now
/// (<see cref="DatabaseUnavailability"/>) → 503 with <c>Retry-After</c>. Anything else is a bug and
/// stays a 500 whose body reveals nothing.
/// </summary>
public sealed class CafeExceptionHandler(IProblemDetailsService problemDetails, NpgsqlDataSource dataSource, ILogger<CafeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseUnavailability.Cause(exception) is { } unavailable)
        {
            return await DatabaseUnavailableAsync(httpContext, exception, unavailable);
        }

        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(ErrorsByField(validation))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Detail = string.Join(" ", validation.Errors.Select(error => error.ErrorMessage).Distinct()),
            },
            BusinessRuleValidationException { BrokenRule.ReportsAsNotFound: true } hidden => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found.",
                Detail = hidden.Message,
            },
            BusinessRuleValidationException broken => BusinessRuleProblem(broken),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique } => new ProblemDetails
            {
                // The domain checked first; this is the race where two requests passed the check at once.
                Status = StatusCodes.Status409Conflict,
                Title = "A business rule was broken.",
                Detail = "Another change saved at the same moment conflicts with this one; reload and try again.",
                Extensions = { ["rule"] = unique.ConstraintName },
            },
            NotFoundException notFound => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = $"{notFound.What} not found.",
                Detail = notFound.Message,
            },
            AntiforgeryValidationException => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The antiforgery token is missing or invalid.",
                Detail = "Reload the page and try again.",
            },
            BadHttpRequestException badRequest => new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = ReadableReason(badRequest),
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        logger.LogDebug("Request rejected with {Status}: {Title}", problem.Status, problem.Title);
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private async ValueTask<bool> DatabaseUnavailableAsync(HttpContext httpContext, Exception exception, NpgsqlException cause)
    {
        var reason = DatabaseUnavailability.Reason(cause);
        logger.LogWarning(exception, "Request answered 503: {Reason}", reason);
        if (DatabaseUnavailability.IsReadOnly(cause))
        {
            // Pooled connections still point at the demoted server; new ones follow Target Session Attributes to the primary,
            // once a multi-host data source forgets that it found this server primary (it re-checks only every Host Recheck Seconds).
            dataSource.Clear();
            (dataSource as NpgsqlMultiHostDataSource)?.ClearDatabaseStates();
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = DatabaseUnavailability.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is unavailable.",
                // A change whose commit was on its way when the connection dropped may have landed.
                Detail = $"{reason} Try again in a few seconds; if this request was a change, reload first to see whether it was saved.",
            },
            Exception = exception,
        });
    }

    private static Dictionary<string, string[]> ErrorsByField(ValidationException validation) =>
        validation.Errors
            .GroupBy(error => JsonFieldName(error.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray());

    private static ProblemDetails BusinessRuleProblem(BusinessRuleValidationException broken)
    {
        var problem = broken.BrokenRule.Field is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [JsonFieldName(field)] = [broken.Message] })
            : new ProblemDetails();
        problem.Status = StatusCodes.Status409Conflict;
        problem.Title = "A business rule was broken.";
        problem.Detail = broken.Message;
        problem.Extensions["rule"] = broken.RuleName;
        foreach (var (name, value) in broken.BrokenRule.Details)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    // The JSON reader's message names the parameter and the position, which is what a client
    // needs; the inner exception's type names are noise.
    private static string ReadableReason(BadHttpRequestException badRequest) =>
        badRequest.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this request: {json.Message}"
            : badRequest.Message;

    private static string JsonFieldName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? "body" : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
