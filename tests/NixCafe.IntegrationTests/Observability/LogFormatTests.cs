using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using NixCafe.Host;

namespace NixCafe.IntegrationTests.Observability;

public sealed class LogFormatTests
{
    [Theory]
    [InlineData(null, ConsoleFormatterNames.Simple)]
    [InlineData("json", ConsoleFormatterNames.Json)]
    [InlineData("JSON", ConsoleFormatterNames.Json)]
    public async Task The_console_writes_the_configured_format_with_the_trace_in_every_lines_scopes(string? format, string formatter)
    {
        string[] args = format is null ? [] : ["--NixCafe:Telemetry:LogFormat=" + format];
        // Built, never started: no database is opened.
        await using var app = CafeWebApp.Build(args, "Host=127.0.0.1;Database=unused");

        var console = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var tracking = app.Services.GetRequiredService<IOptionsMonitor<LoggerFactoryOptions>>().CurrentValue.ActivityTrackingOptions;
        var scopes = formatter == ConsoleFormatterNames.Json
            ? app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.IncludeScopes
            : app.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.IncludeScopes;

        Assert.Equal(formatter, console.FormatterName);
        Assert.True(scopes);
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId) && tracking.HasFlag(ActivityTrackingOptions.SpanId));
    }
}
