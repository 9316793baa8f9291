using System.Globalization;
using System.Text.RegularExpressions;

namespace NixCafe.IntegrationTests.Observability;

/// <summary>A scrape of <c>/metrics</c> in Prometheus' text format, read sample by sample.</summary>
public sealed partial class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Samples().Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Label) == label.Value))
            .Sum(sample => sample.Value);

    /// <summary>How far <paramref name="name"/>'s samples with <paramref name="labels"/> moved since <paramref name="earlier"/>.</summary>
    public double MovedSince(PrometheusScrape earlier, string name, params (string Label, string Value)[] labels) =>
        Sum(name, labels) - earlier.Sum(name, labels);

    public bool Has(string name) => Samples().Any(sample => sample.Name == name);

    private IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Samples() =>
        Text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => Sample().Match(line)).Where(match => match.Success)
            .Select(match => (match.Groups["name"].Value,
                LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(pair => pair.Groups[1].Value, pair => pair.Groups[2].Value),
                double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
