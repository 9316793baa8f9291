using Microsoft.Extensions.Diagnostics.HealthChecks;
using NixCafe.Shared.Web;

namespace NixCafe.Host;

/// <summary>
/// Writes <c>/health</c>: each check's status, reason and figures. The endpoint is anonymous, so it
/// says no tenant data and, when a check threw, no exception text (which names servers, ports and
/// stack frames): the reason in words instead, and the exception goes to the log.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthReportWriter));
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = Describe(entry.Key, entry.Value, logger), data = entry.Value.Data }),
        });
    }

    private static string? Describe(string check, HealthReportEntry entry, ILogger logger)
    {
        if (entry.Exception is not { } exception)
        {
            return entry.Description;
        }

        logger.LogWarning(exception, "Health check {Check} failed", check);
        return DatabaseUnavailability.Cause(exception) is { } cause
            ? $"The check could not read the database: {DatabaseUnavailability.Reason(cause)}"
            : "The check failed; the host's log says why.";
    }
}
