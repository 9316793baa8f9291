using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace NixCafe.IntegrationTests.QuickStart;

/// <summary>
/// <c>build/run.sh</c> as a user runs it, on ports and a data directory of its own, over what this
/// test run already built (NIXCAFE_RUN_BUILT): a process group of its own, as a terminal's
/// foreground job, with SIGINT at its default as a terminal leaves it. Disposing kills whatever is left.
/// </summary>
public sealed class QuickStartRun : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int SigQuit = 3;
    private readonly Process _script;
    private readonly string _dataDirectory;
    private readonly StringBuilder _output = new();

    private QuickStartRun(Process script, string dataDirectory, int hostPort, int fakeOdooPort)
    {
        _script = script;
        _dataDirectory = dataDirectory;
        HostPort = hostPort;
        FakeOdooPort = fakeOdooPort;
    }

    public int HostPort { get; }

    public int FakeOdooPort { get; }

    public bool HasExited => _script.HasExited;

    public int ExitCode => _script.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static QuickStartRun Start(int? fakeOdooPort = null)
    {
        var checkout = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(checkout.FullName, "NixCafe.sln")))
        {
            checkout = checkout.Parent ?? throw new InvalidOperationException($"No NixCafe.sln above {AppContext.BaseDirectory}.");
        }

        // bin/<configuration>/<framework>/: run the host and the fake of the same build as this test.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var hostPort = FreePort();
        var fakePort = fakeOdooPort ?? FreePort();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"nixcafe-quickstart-{Guid.NewGuid():N}");
        // The test runner may itself ignore SIGINT (a background job does): give the script the default back.
        var startInfo = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = checkout.FullName,
        };
        foreach (var argument in new[] { "--default-signal=INT", "setsid", "bash", "build/run.sh" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NIXCAFE_RUN_BUILT"] = configuration;
        startInfo.Environment["FAKE_ODOO_PORT"] = fakePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["NIXCAFE_URLS"] = $"http://127.0.0.1:{hostPort}";
        startInfo.Environment["NixCafe__DataDirectory"] = dataDirectory;
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var inherited in new[] { "ConnectionStrings__Cafe", "ODOO_URL" })
        {
            startInfo.Environment.Remove(inherited);
        }

        var script = Process.Start(startInfo)!;
        var run = new QuickStartRun(script, dataDirectory, hostPort, fakePort);
        script.OutputDataReceived += (_, line) => run.Append(line.Data);
        script.ErrorDataReceived += (_, line) => run.Append(line.Data);
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        return run;
    }

    /// <summary>Waits until the host answers /health: the fake, the host and its PostgreSQL all run.</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HostPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_script.HasExited)
            {
                throw new InvalidOperationException($"build/run.sh exited with {_script.ExitCode} at start-up:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The host did not become healthy within two minutes:\n{Output}");
    }

    /// <summary>Ctrl+C in a terminal: SIGINT to every process of the foreground group.</summary>
    public void SignalGroup(int signal) => Signal(-_script.Id, signal);

    public void SignalScript(int signal) => Signal(_script.Id, signal);

    /// <summary>Signals the host process the script started (e.g. SIGKILL: a host that dies).</summary>
    public void SignalHost(int signal) =>
        Signal(GroupMembers().Single(pid => CommandLine(pid).Contains("NixCafe.Host.dll", StringComparison.Ordinal)), signal);

    /// <summary>
    /// What of the run is still there: the script and what it started (its process group), a
    /// listener on either port, the PostgreSQL of its data directory (which runs in a session of
    /// its own). Empty once everything has stopped.
    /// </summary>
    public IReadOnlyList<string> Leftovers()
    {
        var left = GroupMembers().Select(pid => $"process {pid}: {CommandLine(pid)}").ToList();
        left.AddRange(new[] { ("fake Odoo", FakeOdooPort), ("host", HostPort) }
            .Where(port => Listening(port.Item2)).Select(port => $"a listener on the {port.Item1}'s port {port.Item2}"));
        left.AddRange(PostgresProcesses().Select(pid => $"postgres {pid}: {CommandLine(pid)}"));
        return left;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the script to exit and leave nothing behind.</summary>
    public async Task<IReadOnlyList<string>> WaitUntilGoneAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var left = Leftovers();
            if ((_script.HasExited && left.Count == 0) || deadline.Elapsed > timeout)
            {
                return _script.HasExited ? left : ["build/run.sh itself", .. left];
            }

            await Task.Delay(100);
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout) => await _script.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in GroupMembers())
        {
            Signal(pid, SigKill);
        }

        // Immediate shutdown; its backends follow their postmaster.
        foreach (var pid in PostgresProcesses())
        {
            Signal(pid, SigQuit);
        }

        await _script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        for (var attempt = 0; PostgresProcesses().Count > 0 && attempt < 100; attempt++)
        {
            await Task.Delay(100);
        }

        _script.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private List<int> GroupMembers() => Processes()
        .Where(pid => ProcessGroupOf(pid) == _script.Id && !IsZombie(pid)).ToList();

    /// <summary>The postmaster of the run's data directory: the only postgres process that names it.</summary>
    private List<int> PostgresProcesses() => Processes()
        .Where(pid => CommandLine(pid).Contains(_dataDirectory, StringComparison.Ordinal)).ToList();

    private static IEnumerable<int> Processes() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(name => int.TryParse(name, out var pid) ? pid : 0).Where(pid => pid > 0);

    private static string CommandLine(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ...", where comm may hold spaces and parentheses.
    private static int? ProcessGroupOf(int pid) =>
        Read($"/proc/{pid}/stat") is { Length: > 0 } stat && stat[(stat.LastIndexOf(')') + 2)..].Split(' ') is [_, _, var group, ..]
            ? int.Parse(group, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private static bool IsZombie(int pid) => Read($"/proc/{pid}/stat") is { Length: > 0 } stat && stat[stat.LastIndexOf(')')..].StartsWith(") Z", StringComparison.Ordinal);

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process has just exited.
            return "";
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Signal(int pid, int signal)
    {
        // The process may have exited in between: nothing to signal is fine.
        _ = Kill(pid, signal);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
