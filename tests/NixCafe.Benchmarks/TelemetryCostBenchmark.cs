using System.Globalization;

namespace NixCafe.Benchmarks;

/// <summary>
/// What the telemetry costs the tick (issue 19: under 5 % of its time and CPU): the same clustered
/// tick as <see cref="TenantTickBenchmark"/>, once on a host with telemetry off (no Prometheus, no
/// OTLP: no OpenTelemetry pipeline at all) and once with all of it on: <c>/metrics</c> scraped by
/// the operator's key, and metrics and traces (sampled at 100 %) exported over OTLP to a receiver
/// on loopback that reads each export and discards it. Each run has its own database, fake Odoo and
/// warmed-up host process.
/// </summary>
public sealed class TelemetryCostBenchmark(int tenants)
{
    private const int CreatesPerTenant = 10;
    private const double Target = 1.05;

    /// <summary>Shorter than Prometheus' usual 15 s and OTLP's default 60 s, so several exports fall inside the tick.</summary>
    private static readonly TimeSpan ExportInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    public async Task<BenchResult> RunAsync()
    {
        var off = await new TenantTickBenchmark(tenants, CreatesPerTenant, Latency, operatorDrainNow: false,
            new Dictionary<string, string> { ["NixCafe:Telemetry:Prometheus"] = "false" }).MeasureAsync();

        await using var receiver = await OtlpReceiverStub.StartAsync();
        MetricsScraper? scraper = null;
        var on = await new TenantTickBenchmark(tenants, CreatesPerTenant, Latency, operatorDrainNow: false,
            new Dictionary<string, string>
            {
                ["NixCafe:Telemetry:Prometheus"] = "true",
                ["NixCafe:Telemetry:TraceSampleRatio"] = "1",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseUrl.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = ExportInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            },
            host => scraper = new MetricsScraper(host.BaseUrl, ExportInterval)).MeasureAsync();

        var traces = receiver.Received.GetValueOrDefault("traces");
        var metrics = receiver.Received.GetValueOrDefault("metrics");
        if (traces.Requests == 0 || metrics.Requests == 0 || scraper is not { Scrapes: > 0 })
        {
            throw new InvalidOperationException($"Telemetry was not exported: {traces.Requests} trace and {metrics.Requests} metric exports, {scraper?.Scrapes ?? 0} scrapes");
        }

        var wallRatio = on.Wall / off.Wall;
        var cpuRatio = on.HostCpu / off.HostCpu;
        const double MiB = 1024 * 1024;
        var what = $"One clustered tick over {tenants:N0} tenants × {CreatesPerTenant} creates";
        return new BenchResult($"The telemetry's cost: {what}, telemetry off and on", [
            new Figure($"{what}, wall time: telemetry off / on (Prometheus scraped, OTLP metrics + traces at 100 %)", $"{off.Wall.TotalSeconds:0.0} s / {on.Wall.TotalSeconds:0.0} s", "reported", null),
            new Figure("  telemetry on ÷ off, wall time", $"{wallRatio:0.000}×", $"< {Target:0.00}×", wallRatio < Target),
            new Figure("  host CPU during the tick: telemetry off / on", $"{off.HostCpu.TotalSeconds:0.0} s / {on.HostCpu.TotalSeconds:0.0} s", "reported", null),
            new Figure("  telemetry on ÷ off, host CPU", $"{cpuRatio:0.000}×", $"< {Target:0.00}×", cpuRatio < Target),
        ], [
            $"Off: no Prometheus endpoint and no OTLP endpoint, so no OpenTelemetry pipeline (the modules' instruments exist, nothing listens). On: `/metrics` served and scraped with the operator key every {ExportInterval.TotalSeconds:0} s, `OTEL_EXPORTER_OTLP_ENDPOINT` at a receiver on loopback (OTLP/HTTP protobuf) that reads and discards each export, metrics exported every {ExportInterval.TotalSeconds:0} s (`OTEL_METRIC_EXPORT_INTERVAL`; the default is 60 s), traces on and sampled at 100 % (the default ratio). Logs at Warning in both.",
            $"Received during the whole \"on\" run (warm-up included): {traces.Requests:N0} trace exports ({traces.Bytes / MiB:0.0} MiB), {metrics.Requests:N0} metric exports ({metrics.Bytes / MiB:0.0} MiB), {scraper.Scrapes:N0} scrapes ({scraper.Bytes / MiB:0.0} MiB).",
            $"Off: {off.Calls.Count:N0} Odoo calls in {off.Wall.TotalSeconds:0.0} s; CPU: host {off.HostCpu.TotalSeconds:0.0} s, PostgreSQL {off.PostgresCpu.TotalSeconds:0.0} s, the fake Odoo and this benchmark {off.BenchCpu.TotalSeconds:0.0} s; host peak working set {off.PeakMemoryBytes / MiB:0} MiB.",
            $"On: {on.Calls.Count:N0} Odoo calls in {on.Wall.TotalSeconds:0.0} s; CPU: host {on.HostCpu.TotalSeconds:0.0} s, PostgreSQL {on.PostgresCpu.TotalSeconds:0.0} s, the fake Odoo, this benchmark and the receiver {on.BenchCpu.TotalSeconds:0.0} s; host peak working set {on.PeakMemoryBytes / MiB:0} MiB.",
            $"The wall time is mostly the fake Odoo's {Latency.TotalMilliseconds:0} ms per call, each tenant on an Odoo address of its own; the host's CPU is where the telemetry's own work shows. One run each, one after the other: on a machine shared with other work the two differ by that work's noise too.",
        ]);
    }
}
