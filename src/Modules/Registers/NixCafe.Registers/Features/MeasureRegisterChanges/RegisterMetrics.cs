using System.Diagnostics.Metrics;
using NixCafe.Shared.Persistence;
using NixCafe.Shared.Telemetry;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

/// <summary>
/// The <c>NixCafe.Registers</c> meter: register changes by kind (docs/observability.md). A change
/// is counted once its transaction commits, so a rolled-back command counts nothing.
/// </summary>
public sealed class RegisterMetrics
{
    private readonly Counter<long> _changes;

    public RegisterMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(CafeTelemetry.RegistersName);
        _changes = Meter.CreateCounter<long>("nixcafe.registers.changes", "{change}", "Register changes committed, by kind");
    }

    public Meter Meter { get; }

    /// <summary>Counts a change of <paramref name="kind"/> when <paramref name="session"/>'s transaction commits.</summary>
    public void CountAfterCommit(CafeDbSession session, string kind) => session.OnCommitted(_ =>
    {
        _changes.Add(1, new KeyValuePair<string, object?>("kind", kind));
        return Task.CompletedTask;
    });
}
