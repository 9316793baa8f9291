namespace NixCafe.Benchmarks;

/// <summary>One line of the results table: what was measured, the figure, the target and whether it was met.</summary>
public sealed record Figure(string Measure, string Value, string Target, bool? Met);

/// <summary>What one benchmark found: its table lines and the details behind them (counts, times, query plans).</summary>
public sealed record BenchResult(string Title, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Details);
