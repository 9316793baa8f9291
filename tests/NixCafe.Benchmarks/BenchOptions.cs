using System.Globalization;

namespace NixCafe.Benchmarks;

/// <summary>The benchmarks' sizes (the by default) and where the report goes.</summary>
public sealed record BenchOptions(int Tenants, int Synced, int Renames, int LoadSeconds, IReadOnlyList<int> TickLatencies, string? Only, string Output, string Command)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var command = string.Join(' ', new[] { "bash build/bench.sh" }.Concat(args));
        var latencies = (Value("--tick-latencies") ?? "150,20").Split(',').Select(text => int.Parse(text, CultureInfo.InvariantCulture)).ToList();
        return new BenchOptions(Number("--tenants", 1_000), Number("--synced", 1_000_000), Number("--renames", 100), Number("--load-seconds", 120), latencies, Value("--only"),
            Value("--output") ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md"), command);
    }

    /// <summary>
    /// Every benchmark, or those whose key <c>--only</c> names (rpcs, rename, burst, tick, drain-now,
    /// selector, drift, console, load, telemetry); the tick runs at each of <c>--tick-latencies</c> (ms per
    /// Odoo call: 150 for a tenant's Odoo over the internet, 20 for one nearby), the drain-now at the last of them.
    /// </summary>
    public IEnumerable<(string Name, Func<Task<BenchResult>> Run)> Benchmarks()
    {
        var all = new List<(string Key, string Name, Func<Task<BenchResult>> Run)>
        {
            ("rpcs", "Odoo calls per pushed register, Odoo 16", () => new PushCostBenchmark(Renames).CallsPerRegisterAsync(16)),
            ("rpcs", "Odoo calls per pushed register, Odoo 19", () => new PushCostBenchmark(Renames).CallsPerRegisterAsync(19)),
            ("rename", "from a rename to Odoo's write", () => new PushCostBenchmark(Renames).RenameLatencyAsync()),
            ("burst", "100 renames of one tenant within a second", () => new PushCostBenchmark(Renames).RenameBurstAsync()),
        };
        foreach (var ms in TickLatencies)
        {
            all.Add(("tick", $"one clustered tick over many tenants at {ms} ms per Odoo call",
                () => new TenantTickBenchmark(Tenants, createsPerTenant: 10, TimeSpan.FromMilliseconds(ms), operatorDrainNow: false).RunAsync()));
        }

        all.Add(("drain-now", "the operator's drain-now over as many tenants",
            () => new TenantTickBenchmark(Tenants, createsPerTenant: 10, TimeSpan.FromMilliseconds(TickLatencies[^1]), operatorDrainNow: true).RunAsync()));
        all.Add(("selector", "the pending selector", () => new PendingSelectorBenchmark(Synced).RunAsync()));
        all.Add(("drift", "one tenant's drift check over 1,000 registers", () => new DriftCheckBenchmark(registers: 1_000).RunAsync()));
        all.Add(("console", "the operator console's tenant list", () => new ConsoleListBenchmark(Tenants, Synced).RunAsync()));
        all.Add(("load", "sustained mixed API load while the drains push", () => new SustainedLoadBenchmark(TimeSpan.FromSeconds(LoadSeconds), tenants: 100, clients: 16).RunAsync()));
        all.Add(("telemetry", "the telemetry's cost on the tick", () => new TelemetryCostBenchmark(Tenants).RunAsync()));
        return all.Where(benchmark => Only is null || Only.Split(',').Contains(benchmark.Key)).Select(benchmark => (benchmark.Name, benchmark.Run));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NixCafe.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from the repository (where NixCafe.sln is), or pass --output");
    }
}
