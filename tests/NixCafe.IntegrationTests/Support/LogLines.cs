using Microsoft.Extensions.Logging.Testing;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// The collected records as text to search for what must never be logged, one line each: level,
/// category, message, the state and each of its structured values, the scopes, and the exception
/// with its inner ones.
/// </summary>
public static class LogLines
{
    public static IReadOnlyList<string> Lines(this FakeLogCollector logs) =>
        logs.GetSnapshot()
            .Select(record => string.Join(' ',
                $"{record.Level} {record.Category}: {record.Message}",
                record.State,
                string.Join(' ', record.StructuredState ?? []),
                string.Join(' ', record.Scopes),
                record.Exception))
            .ToList();
}
