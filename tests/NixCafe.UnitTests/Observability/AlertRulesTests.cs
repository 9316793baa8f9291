using System.Diagnostics;

namespace NixCafe.UnitTests.Observability;

/// <summary>
/// The alert rules operators load (docs/alerts.yml) are valid Prometheus rules and fire on the
/// sample series of docs/alerts.test.yml exactly when they should, as Prometheus' own promtool
/// evaluates them (build/install-promtool.sh installs it; build/test.sh runs that first).
/// </summary>
public sealed class AlertRulesTests
{
    [Fact]
    public async Task The_alert_rules_are_valid()
    {
        var (exitCode, output) = await PromtoolAsync("check", "rules", "alerts.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 6 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_alert_fires_on_its_sample_series_and_only_then()
    {
        var (exitCode, output) = await PromtoolAsync("test", "rules", "alerts.test.yml");

        Assert.True(exitCode == 0, output);
    }

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { WorkingDirectory = Docs(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("promtool is not on the PATH: run build/install-promtool.sh (Debian's prometheus package), as build/test.sh does");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await errors);
        }
    }

    private static string Docs()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NixCafe.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("No NixCafe.sln above the test binaries."), "docs");
    }
}
