using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;
using NixCafe.OdooSync.Telemetry;
using NixCafe.Registers.Features.MeasureRegisterChanges;
using NixCafe.Shared.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NixCafe.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host (docs/observability.md): the modules' meters and activity sources,
/// ASP.NET Core, HttpClient, runtime and Npgsql instrumentation, a Prometheus scrape endpoint and
/// OTLP export, each chosen by configuration; and the console log format. With neither
/// Prometheus nor an OTLP endpoint, no OpenTelemetry pipeline is built at all.
/// </summary>
public static class HostTelemetry
{
    public const string MetricsPath = "/metrics";

    private const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The only attributes kept on .NET's HttpClient metrics: their <c>server.address</c> is the
    /// tenant's Odoo host, which is tenant data and no label for a shared dashboard.
    /// </summary>
    private static readonly string[] HttpClientMetricTags = ["http.request.method", "http.response.status_code", "error.type", "network.protocol.version"];

    public static void AddCafeTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("NixCafe:Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        AddLogFormat(builder, options);
        if (options.Prometheus && options.MetricsPort is { } metricsPort)
        {
            builder.WebHost.UseUrls([.. PublicUrls(builder.WebHost), $"http://*:{metricsPort}"]);
        }

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]);
        var metrics = options.Prometheus || otlp;
        var traces = options.Traces ?? otlp;
        if (!metrics && !traces)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("nixcafe", serviceInstanceId: Shared.Hosting.HostIdentity.Name));
        if (metrics)
        {
            telemetry.WithMetrics(meters =>
            {
                meters.AddMeter(CafeTelemetry.OdooSyncName, CafeTelemetry.RegistersName)
                    // Made when the pipeline starts, so the queue's gauges are there before the first drain.
                    .AddInstrumentation(provider => provider.GetRequiredService<OdooSyncMetrics>())
                    .AddInstrumentation(provider => provider.GetRequiredService<RegisterMetrics>())
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddView(instrument => instrument.Meter.Name switch
                    {
                        // Odoo closes the connection after every reply (docs/odoo-protocol.md), so a
                        // connection's count and lifetime only repeat the requests', at more
                        // measurements per Odoo call than the request instruments take.
                        "System.Net.Http" when instrument.Name is "http.client.open_connections" or "http.client.connection.duration" => MetricStreamConfiguration.Drop,
                        "System.Net.Http" => new MetricStreamConfiguration { TagKeys = HttpClientMetricTags },
                        // Its only attribute is the name looked up: a tenant's Odoo host.
                        "System.Net.NameResolution" => MetricStreamConfiguration.Drop,
                        _ => null,
                    });
                if (options.Prometheus)
                {
                    meters.AddPrometheusExporter();
                }

                if (otlp)
                {
                    meters.AddOtlpExporter();
                }
            });
        }

        if (traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.TraceSampleRatio, 0, 1))))
                    .AddSource(CafeTelemetry.SourceName, CafeTelemetry.OdooSyncName)
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                    // No HttpClient spans: the host's only outgoing requests are Odoo calls, each traced
                    // by its own client span (model, method, outcome). HttpClient's child of it said the
                    // same again with the tenant's Odoo URL, and was 41 % of a tick's spans.
                    .AddNpgsql();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        }
    }

    /// <summary>Maps <c>/metrics</c> when Prometheus is on: the operator's key, unless the operator chose an anonymous scrape.</summary>
    public static void MapCafeMetrics(this WebApplication app, string operatorPolicy)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (!options.Prometheus)
        {
            return;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting();
        if (options.PrometheusAnonymous)
        {
            endpoint.AllowAnonymous();
        }
        else
        {
            endpoint.RequireAuthorization(operatorPolicy);
        }
    }

    /// <summary>
    /// With a metrics port, <c>/metrics</c> answers there and only there, and that port answers
    /// nothing else (404). Told apart by the port the connection came in on, not the Host header
    /// (which <c>RequireHost</c> matches and any caller can write), before authentication, so the
    /// public port does not even say that <c>/metrics</c> wants a key.
    /// </summary>
    public static void UseMetricsPort(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (!options.Prometheus || options.MetricsPort is not { } metricsPort)
        {
            return;
        }

        app.Use((context, next) =>
        {
            if ((context.Connection.LocalPort == metricsPort) != context.Request.Path.StartsWithSegments(MetricsPath))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    /// <summary>
    /// The addresses the host would listen on without a metrics port (ASP.NET Core's own rules:
    /// <c>urls</c>, else <c>http_ports</c>/<c>https_ports</c>, else its default), which setting any
    /// address would otherwise replace.
    /// </summary>
    private static IEnumerable<string> PublicUrls(IWebHostBuilder web)
    {
        const StringSplitOptions Split = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        if (web.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls)
        {
            return urls.Split(';', Split);
        }

        var http = (web.GetSetting(WebHostDefaults.HttpPortsKey) ?? "").Split(';', Split).Select(port => $"http://*:{port}");
        var https = (web.GetSetting(WebHostDefaults.HttpsPortsKey) ?? "").Split(';', Split).Select(port => $"https://*:{port}");
        var ports = http.Concat(https).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    /// <summary>
    /// Every console line carries the trace and span ids of the work it belongs to (the logging
    /// scopes the host adds from <c>Activity.Current</c>); <c>json</c> writes one object per line.
    /// </summary>
    private static void AddLogFormat(WebApplicationBuilder builder, TelemetryOptions options)
    {
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (string.Equals(options.LogFormat, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(simple => simple.IncludeScopes = true);
        }
    }
}
