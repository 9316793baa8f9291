using System.Text;
using NixCafe.Benchmarks;

// bash build/bench.sh [--only KEYS] [--tenants N] [--synced N] [--renames N] [--tick-latencies MS,MS] [--output FILE]
// e.g. --only tick,rename,burst --output /tmp/bench.md runs the tick at 150 and 20 ms and the rename scenarios alone.
// Prints the table and writes it, with the details and the command, to docs/benchmarks.md.
var options = BenchOptions.Parse(args);
var started = DateTimeOffset.UtcNow;
var results = new List<BenchResult>();
foreach (var benchmark in options.Benchmarks())
{
    Console.Error.WriteLine($"bench: {benchmark.Name}…");
    results.Add(await benchmark.Run());
}

var report = Report.Markdown(results, options.Command, started, DateTimeOffset.UtcNow);
Console.WriteLine(Report.Table(results));
await File.WriteAllTextAsync(options.Output, report, new UTF8Encoding(false));
Console.WriteLine($"Written to {options.Output}");
return results.SelectMany(result => result.Figures).Any(figure => figure.Met == false) ? 1 : 0;
