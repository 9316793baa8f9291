using NixCafe.FakeOdoo;

namespace NixCafe.Benchmarks;

/// <summary>What one measured tick took: from its start to the last register synced, the CPU of each process, the host's memory, and the Odoo calls it made.</summary>
public sealed record TickRun(
    DateTimeOffset StartedAt,
    TimeSpan Wall,
    TimeSpan HostCpu,
    TimeSpan PostgresCpu,
    TimeSpan BenchCpu,
    long IdleMemoryBytes,
    long PeakMemoryBytes,
    IReadOnlyList<FakeOdooCall> Calls);
