using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace NixCafe.IntegrationTests.Observability;

/// <summary>The host with traces on, kept in memory, and a scrape that is never served from the exporter's cache.</summary>
public sealed class ObservabilityFixture : OdooSyncFixture
{
    public List<Activity> Spans { get; } = [];

    protected override IEnumerable<string> Settings => ["--NixCafe:Telemetry:Traces=true"];

    protected override void Customise(WebApplicationBuilder builder)
    {
        base.Customise(builder);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        builder.Services.Configure<PrometheusAspNetCoreOptions>(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
    }

    /// <summary>The spans ended so far (the exporter adds them as they end, from any thread).</summary>
    public List<Activity> EndedSpans()
    {
        lock (Spans)
        {
            return [.. Spans];
        }
    }

    public async Task<PrometheusScrape> ScrapeAsync()
    {
        var response = await Operator().GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }
}
