using System.Globalization;

namespace NixCafe.Benchmarks;

/// <summary>The benchmarks' sizes (the by default) and where the report goes.</summary>
public sealed record BenchOptions(int Tenants, int Synced, int Renames, int LoadSeconds, string? Only, string Output, string Command)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var command = string.Join(' ', new[] { "bash build/bench.sh" }.Concat(args));
        return new BenchOptions(Number("--tenants", 1_000), Number("--synced", 1_000_000), Number("--renames", 100), Number("--load-seconds", 120), Value("--only"),
            Value("--output") ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md"), command);
    }

    /// <summary>Every benchmark, or those whose key <c>--only</c> names (rpcs, tick, drain-now, selector, rename, drift, console, load, telemetry).</summary>
    public IEnumerable<(string Name, Func<Task<BenchResult>> Run)> Benchmarks()
    {
        var latency = TimeSpan.FromMilliseconds(20);
        var all = new (string Key, string Name, Func<Task<BenchResult>> Run)[]
        {
            ("rpcs", "Odoo calls per pushed register, Odoo 16", () => new PushCostBenchmark(Renames).CallsPerRegisterAsync(16)),
            ("rpcs", "Odoo calls per pushed register, Odoo 19", () => new PushCostBenchmark(Renames).CallsPerRegisterAsync(19)),
            ("rename", "from a rename to Odoo's write", () => new PushCostBenchmark(Renames).RenameLatencyAsync()),
            ("tick", "one clustered tick over many tenants", () => new TenantTickBenchmark(Tenants, createsPerTenant: 10, latency, maxConcurrentDrains: 8, operatorDrainNow: false).RunAsync()),
            ("drain-now", "the operator's drain-now over as many tenants", () => new TenantTickBenchmark(Tenants, createsPerTenant: 10, latency, maxConcurrentDrains: 8, operatorDrainNow: true).RunAsync()),
            ("selector", "the pending selector", () => new PendingSelectorBenchmark(Synced).RunAsync()),
            ("drift", "one tenant's drift check over 1,000 registers", () => new DriftCheckBenchmark(registers: 1_000).RunAsync()),
            ("console", "the operator console's tenant list", () => new ConsoleListBenchmark(Tenants, Synced).RunAsync()),
            ("load", "sustained mixed API load while the drains push", () => new SustainedLoadBenchmark(TimeSpan.FromSeconds(LoadSeconds), tenants: 100, clients: 16).RunAsync()),
            ("telemetry", "the telemetry's cost on the tick", () => new TelemetryCostBenchmark(Tenants).RunAsync()),
        };
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
