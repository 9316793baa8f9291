using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>
/// The real host executable in a process of its own, as production runs it: its own Quartz
/// instance in the clustered schedule, its own connections, killed with SIGKILL when a test says
/// so. Its output is kept for the failure message of a test.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private volatile bool _killed;

    private HostProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>The name this host gives itself in claims, Odoo's call log and pg_stat_activity.</summary>
    public string Name => $"{Environment.MachineName}:{_process.Id}";

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Whether its peers took it for dead while it ran: Quartz's warning on a host that finds at a
    /// check-in that another host recovered it (ran its in-flight jobs again, freed its triggers).
    /// </summary>
    public bool WasTakenForDead => Output.Contains("was recovered by another instance", StringComparison.Ordinal);

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

    /// <summary>Starts <c>NixCafe.Host serve</c> on a free loopback port with these settings; see <see cref="WaitUntilHealthyAsync"/>.</summary>
    public static HostProcess Launch(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NixCafe.Host.dll"));
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        startInfo.Environment["ConnectionStrings__Cafe"] = connectionString;
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        // The fake Odoo's demo shops, and tenants sharing one fake, would hold every tenant's creates for adoption.
        startInfo.Environment["NixCafe__OdooSync__HoldCreatesForAdoption"] = "false";
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(startInfo)!;
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) => host.Append(line.Data);
        process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>SIGKILL: no shutdown hook, no lease given back, no Quartz check-out.</summary>
    public async Task KillAsync()
    {
        _killed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The exit code of a host that must stop by itself (a refused start) within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>
    /// Waits until /health answers 200: the host serves and its scheduler has joined the cluster.
    /// A starting host already takes part in the cluster, so a test may kill it before then.
    /// </summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited && _killed)
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} at start-up:\n{Output}");
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
                // Not listening yet, or too busy starting up to answer in time.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The host did not become healthy within two minutes:\n{Output}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
