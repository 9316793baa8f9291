using System.Diagnostics;

namespace NixCafe.IntegrationTests.Support;

/// <summary>The host's command-line verbs as an operator runs them: the real host executable in its own process.</summary>
public static class HostCli
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static Task<Run> RunAsync(string? connectionString, params string[] arguments) =>
        // Without a connection string the host would start its own cluster; keep it out of the way.
        RunInAsync(Path.GetTempPath(), connectionString, Path.Combine(Path.GetTempPath(), $"nixcafe-cli-{Guid.NewGuid():N}"), arguments);

    public static async Task<Run> RunInAsync(string workingDirectory, string? connectionString, string? dataDirectory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NixCafe.Host.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ConnectionStrings__Cafe"] = connectionString ?? "";
        startInfo.Environment["NixCafe__DataDirectory"] = dataDirectory ?? "";
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Run(process.ExitCode, await output, await error);
    }
}
