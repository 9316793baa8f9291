using System.Globalization;

namespace NixCafe.Benchmarks;

/// <summary>The benchmarks' sizes (the by default) and where the report goes.</summary>
public sealed record BenchOptions(int Tenants, int Synced, int Renames, string Output, string Command)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var command = string.Join(' ', new[] { "bash build/bench.sh" }.Concat(args));
        return new BenchOptions(Number("--tenants", 1_000), Number("--synced", 1_000_000), Number("--renames", 100),
            Value("--output") ?? Path.Combine(RepositoryRoot(), "docs", "benchmarks.md"), command);
    }

    public IEnumerable<(string Name, Func<Task<BenchResult>> Run)> Benchmarks()
    {
        yield return ("one clustered tick over many tenants", () => new TenantTickBenchmark(Tenants, createsPerTenant: 10, TimeSpan.FromMilliseconds(20), maxConcurrentDrains: 8, operatorDrainNow: false).RunAsync());
        yield return ("the operator's drain-now over as many tenants", () => new TenantTickBenchmark(Tenants, createsPerTenant: 10, TimeSpan.FromMilliseconds(20), maxConcurrentDrains: 8, operatorDrainNow: true).RunAsync());
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
