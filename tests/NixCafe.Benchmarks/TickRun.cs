using NixCafe.FakeOdoo;

namespace NixCafe.Benchmarks;

/// <summary>What one measured tick took: from its start to the last register synced, the CPU of each process, the host's memory, the Odoo calls it made, the most tenants draining at once, and the most calls the fake Odoo answered at once.</summary>
public sealed record TickRun(
    DateTimeOffset StartedAt,
    TimeSpan Wall,
    TimeSpan HostCpu,
    TimeSpan PostgresCpu,
    TimeSpan BenchCpu,
    long IdleMemoryBytes,
    long PeakMemoryBytes,
    IReadOnlyList<FakeOdooCall> Calls,
    long PeakDraining,
    int MostCallsAtOnce);
