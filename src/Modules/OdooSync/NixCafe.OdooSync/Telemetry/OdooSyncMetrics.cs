using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NixCafe.OdooSync.Telemetry;

/// <summary>
/// The <c>NixCafe.OdooSync</c> meter's instruments that the drain records into as it goes
/// (docs/observability.md lists each one, its unit and meaning). No instrument carries a tenant
/// id: per-tenant figures stay on the status endpoints. The queue's gauges are read from the
/// database only when a collection asks for them (<see cref="IQueueFigures"/>), never by a push.
/// </summary>
public sealed class OdooSyncMetrics
{
    /// <summary>Bucket bounds of the duration histograms, in seconds: an Odoo call takes milliseconds to the call timeout (30 s).</summary>
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly Counter<long> _pushes;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _odooCallDuration;
    private readonly Counter<long> _drains;
    private readonly Histogram<double> _drainDuration;
    private readonly UpDownCounter<long> _drainsActive;
    private readonly Counter<long> _ticks;

    public OdooSyncMetrics(IMeterFactory meters, IQueueFigures queue)
    {
        Meter = meters.Create(Shared.Telemetry.CafeTelemetry.OdooSyncName);
        _pushes = Meter.CreateCounter<long>("nixcafe.odoo_sync.pushes", "{register}",
            "Registers a drain pushed or tried to push, by outcome");
        _deadLetters = Meter.CreateCounter<long>("nixcafe.odoo_sync.dead_letters", "{register}",
            "Registers a drain dead-lettered (sync_error), by reason");
        _odooCallDuration = Meter.CreateHistogram("nixcafe.odoo_sync.odoo.call.duration", "s",
            "Duration of one Odoo model call, whatever it took (finding the server, a login), by method and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _drains = Meter.CreateCounter<long>("nixcafe.odoo_sync.drains", "{drain}",
            "Tenant drains started on this host, by trigger");
        _drainDuration = Meter.CreateHistogram("nixcafe.odoo_sync.drain.duration", "s",
            "Duration of one tenant's drain, from taking its drain slot to its end, by trigger",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _drainsActive = Meter.CreateUpDownCounter<long>("nixcafe.odoo_sync.drains.active", "{drain}",
            "Tenant drains running on this host now");
        _ticks = Meter.CreateCounter<long>("nixcafe.odoo_sync.ticks", "{tick}",
            "Clustered ticks this host fired (each tick fires on one host of the cluster)");
        // Exported from the start at 0, so "no tick for five minutes" is a sum over live hosts, not an absent series.
        _ticks.Add(0);

        // Cluster-wide figures: every host reports the same ones (aggregate with max, docs/observability.md).
        Meter.CreateObservableGauge("nixcafe.odoo_sync.registers.due", () => Observe(queue, figures => figures.DueRegisters), "{register}",
            "Registers due for a push now, of Pro tenants whose connection works");
        Meter.CreateObservableGauge("nixcafe.odoo_sync.registers.oldest_due_age", () => Observe(queue, figures => figures.OldestDueAge.TotalSeconds), "s",
            "How long the oldest due register (of Pro tenants whose connection works) has waited; 0 when none is due");
        Meter.CreateObservableGauge("nixcafe.odoo_sync.registers.dead_lettered", () => Observe(queue, figures => figures.DeadLetteredRegisters), "{register}",
            "Registers of Pro tenants in sync_error, waiting for someone to requeue them");
        Meter.CreateObservableGauge("nixcafe.odoo_sync.tenants.unhealthy", () => Observe(queue, figures => figures.UnhealthyTenants), "{tenant}",
            "Pro tenants whose enabled Odoo connection is unhealthy (their drains push nothing)");
        Meter.CreateObservableGauge("nixcafe.odoo_sync.tenants.paused", () => Observe(queue, figures => figures.PausedTenants), "{tenant}",
            "Pro tenants whose sync an operator paused");
        Meter.CreateObservableGauge("nixcafe.database.up", () => queue.Read() is null ? 0 : 1, unit: null,
            "1 when the queue's figures could be read from the database, else 0");
    }

    private static IEnumerable<Measurement<T>> Observe<T>(IQueueFigures queue, Func<QueueFigures, T> figure) where T : struct =>
        queue.Read() is { } figures ? [new Measurement<T>(figure(figures))] : [];

    /// <summary>The meter itself, for the gauges read at collection.</summary>
    public Meter Meter { get; }

    public void Pushed(string outcome, int count = 1)
    {
        if (count > 0)
        {
            _pushes.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void DeadLettered(string reason) => _deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void OdooCalled(string method, string outcome, TimeSpan duration) =>
        _odooCallDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("odoo.method", method), new KeyValuePair<string, object?>("outcome", outcome));

    public void TickFired() => _ticks.Add(1);

    /// <summary>Counts a drain as started and running; disposing the result records its duration and ends it.</summary>
    public IDisposable MeasureDrain(DrainTrigger trigger)
    {
        var tag = new KeyValuePair<string, object?>("trigger", trigger.ToString().ToLowerInvariant());
        _drains.Add(1, tag);
        _drainsActive.Add(1);
        return new Drain(this, tag, Stopwatch.GetTimestamp());
    }

    private sealed class Drain(OdooSyncMetrics metrics, KeyValuePair<string, object?> trigger, long started) : IDisposable
    {
        public void Dispose()
        {
            metrics._drainsActive.Add(-1);
            metrics._drainDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, trigger);
        }
    }
}
