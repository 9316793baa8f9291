using System.Runtime.InteropServices;
using System.Text;

namespace NixCafe.Benchmarks;

/// <summary>The results as a console table and as docs/benchmarks.md.</summary>
public static class Report
{
    public static string Table(IReadOnlyList<BenchResult> results)
    {
        var rows = results.SelectMany(result => result.Figures).ToList();
        var measureWidth = rows.Max(row => row.Measure.Length);
        var valueWidth = Math.Max(6, rows.Max(row => row.Value.Length));
        var targetWidth = Math.Max(6, rows.Max(row => row.Target.Length));
        var table = new StringBuilder();
        table.AppendLine($"{"measure".PadRight(measureWidth)}  {"figure".PadLeft(valueWidth)}  {"target".PadRight(targetWidth)}  met");
        foreach (var row in rows)
        {
            table.AppendLine($"{row.Measure.PadRight(measureWidth)}  {row.Value.PadLeft(valueWidth)}  {row.Target.PadRight(targetWidth)}  {Verdict(row)}");
        }

        return table.ToString();
    }

    public static string Markdown(IReadOnlyList<BenchResult> results, string command, DateTimeOffset started, DateTimeOffset finished)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        text.AppendLine($"Produced by `{command}` on {started:yyyy-MM-dd} in {(finished - started).TotalMinutes:0.0} min, on {Environment.ProcessorCount} cores, " +
                        $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, against a throw-away embedded PostgreSQL " +
                        "(Debian's server, `fsync=off`) and the fake Odoo. Run the same command to measure again: it rewrites this file.");
        text.AppendLine();
        text.AppendLine("| measure | figure | target | met |");
        text.AppendLine("|---|---:|---|---|");
        foreach (var row in results.SelectMany(result => result.Figures))
        {
            text.AppendLine($"| {row.Measure} | {row.Value} | {row.Target} | {Verdict(row)} |");
        }

        foreach (var result in results)
        {
            text.AppendLine();
            text.AppendLine($"## {result.Title}");
            text.AppendLine();
            foreach (var detail in result.Details)
            {
                text.AppendLine(detail.StartsWith("```", StringComparison.Ordinal) ? detail : $"- {detail}");
            }
        }

        return text.ToString();
    }

    private static string Verdict(Figure figure) => figure.Met switch { true => "yes", false => "NO", null => "" };
}
