namespace NixCafe.Host.Telemetry;

/// <summary>
/// <c>NixCafe:Telemetry</c> (README: Configuration; docs/observability.md). OTLP export follows the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other <c>OTEL_*</c> variables): set, metrics
/// and traces go to that collector.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Serve <c>/metrics</c> in Prometheus' text format.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>Whether <c>/metrics</c> answers without the operator key (for a scraper on a network only operators reach).</summary>
    public bool PrometheusAnonymous { get; set; }

    /// <summary>Record traces; unset, on exactly when an OTLP endpoint is set.</summary>
    public bool? Traces { get; set; }

    /// <summary>The share of new traces kept (0 to 1); a trace begun by a caller follows the caller's choice.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary><c>simple</c> (one line per record, scopes with the trace id) or <c>json</c> (one JSON object per line).</summary>
    public string LogFormat { get; set; } = "simple";
}
