using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NixCafe.IntegrationTests.Support;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace NixCafe.IntegrationTests.Security;

/// <summary>The host logging everything, Debug and Trace included, into memory, and tracing every request and drain into memory too.</summary>
public sealed class LoggedOdooSyncFixture : OdooSyncFixture
{
    private readonly List<Activity> _spans = [];

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    protected override IEnumerable<string> Settings => ["--NixCafe:Telemetry:Traces=true"];

    /// <summary>
    /// Every span as text: its name, attributes, events and their attributes, links and status.
    /// (Activity sources are process-wide: spans of other test classes' hosts may be among them.)
    /// </summary>
    public IReadOnlyList<string> Spans()
    {
        lock (_spans)
        {
            return _spans.Select(span => string.Join(' ',
                    span.Source.Name, span.DisplayName, span.StatusDescription,
                    string.Join(' ', span.TagObjects.Select(tag => $"{tag.Key}={(tag.Value is string[] values ? string.Join(',', values) : tag.Value)}")),
                    string.Join(' ', span.Events.Select(spanEvent => $"{spanEvent.Name} {string.Join(' ', spanEvent.Tags)}")),
                    string.Join(' ', span.Links.Select(link => string.Join(' ', link.Tags ?? [])))))
                .ToList();
        }
    }

    protected override void Customise(WebApplicationBuilder builder)
    {
        base.Customise(builder);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter(_ => true);
        builder.Logging.AddFakeLogging();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        builder.Services.Configure<PrometheusAspNetCoreOptions>(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
    }
}
