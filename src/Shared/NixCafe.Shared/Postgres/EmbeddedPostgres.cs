using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace NixCafe.Shared.Postgres;

/// <summary>
/// A private PostgreSQL cluster from the machine's own server binaries (Debian's postgresql
/// package): initdb into a directory, start on a free loopback port, wait until it accepts
/// connections, stop on dispose. When the process is root, the server runs as the postgres
/// system user, because initdb and postgres refuse to run as root.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private readonly EmbeddedPostgresOptions _options;
    private readonly string _binDirectory;
    private bool _stopped;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, string binDirectory, int port, string password)
    {
        _options = options;
        _binDirectory = binDirectory;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = SuperUser,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>Connection string to the cluster's maintenance database <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_options.RootDirectory, "data");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken = default)
    {
        var binDirectory = FindServerBinaries();
        Directory.CreateDirectory(options.RootDirectory);
        var password = ReadOrCreatePassword(options.RootDirectory);
        var port = FreeLoopbackPort();
        var server = new EmbeddedPostgres(options, binDirectory, port, password);
        await server.InitialiseIfNeededAsync(password, cancellationToken);
        await server.StartServerAsync(cancellationToken);
        await server.WaitUntilAcceptingAsync(cancellationToken);
        return server;
    }

    /// <summary>
    /// Stops the server as a crash does (<c>pg_ctl stop -m immediate</c>: connections cut, no
    /// checkpoint, recovery at the next start); <see cref="StartAgainAsync"/> brings it back on the same port.
    /// </summary>
    public Task CrashAsync(CancellationToken cancellationToken = default) =>
        RunServerToolAsync("pg_ctl", cancellationToken, "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    /// <summary>
    /// SIGKILLs the postmaster, as the OOM killer or a lost machine would: no shutdown of any kind.
    /// Its backends notice their parent is gone and exit by themselves, each abandoning what it was
    /// running; returns once they have, since a new postmaster refuses to start beside them.
    /// </summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var backends = ChildrenOf(postmaster);
        using (var process = Process.GetProcessById(postmaster))
        {
            // Process.Kill sends SIGKILL on Unix.
            process.Kill();
        }

        var deadline = Stopwatch.StartNew();
        foreach (var pid in backends.Prepend(postmaster))
        {
            while (Directory.Exists($"/proc/{pid}") && !IsZombie(pid))
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new EmbeddedPostgresException($"The backend {pid} outlived its killed postmaster {postmaster} by 30 s.");
                }

                await Task.Delay(20, cancellationToken);
            }
        }
    }

    /// <summary>The processes whose parent is <paramref name="pid"/> (from /proc: field 4 of stat, after the parenthesised name).</summary>
    private static List<int> ChildrenOf(int pid) =>
        Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => (Pid: int.Parse(name!, CultureInfo.InvariantCulture), Stat: ReadStat(name!)))
            .Where(entry => entry.Stat is { } stat && StatField(stat, 1) == pid.ToString(CultureInfo.InvariantCulture))
            .Select(entry => entry.Pid)
            .ToList();

    private static bool IsZombie(int pid) => ReadStat(pid.ToString(CultureInfo.InvariantCulture)) is not { } stat || StatField(stat, 0) == "Z";

    private static string? ReadStat(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The stat fields after the name (which may hold spaces): 0 is the state, 1 the parent's pid.</summary>
    private static string StatField(string stat, int index) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[index];

    /// <summary>Starts a stopped (or crashed, or killed) server again on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await StartServerAsync(cancellationToken);
        await WaitUntilAcceptingAsync(cancellationToken);
    }

    /// <summary>
    /// The newest server under /usr/lib/postgresql (Debian's layout), or NIXCAFE_PG_BIN.
    /// </summary>
    public static string FindServerBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("NIXCAFE_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new EmbeddedPostgresException($"NIXCAFE_PG_BIN={configured} has no initdb.");
        }

        const string debianRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(directory => (directory, version: int.TryParse(Path.GetFileName(directory), out var v) ? v : -1))
                .Where(candidate => candidate.version > 0 && File.Exists(Path.Combine(candidate.directory, "bin", "initdb")))
                .OrderByDescending(candidate => candidate.version)
                .Select(candidate => Path.Combine(candidate.directory, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new EmbeddedPostgresException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql; run build/install-postgres.sh (or set NIXCAFE_PG_BIN).");
    }

    private static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess;

    private static string ReadOrCreatePassword(string rootDirectory)
    {
        var passwordFile = Path.Combine(rootDirectory, "password");
        if (File.Exists(passwordFile))
        {
            return File.ReadAllText(passwordFile).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(passwordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return password;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task InitialiseIfNeededAsync(string password, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        var passwordFile = Path.Combine(DataDirectory, "..", $"initdb-{Guid.NewGuid():N}.pw");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            await HandToServerUserAsync(cancellationToken);
            await RunServerToolAsync("initdb", cancellationToken,
                "-D", DataDirectory, "-U", SuperUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // A host that was killed leaves its server running on an old port: stop it and start afresh.
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))
            && await RunServerToolAsync("pg_ctl", cancellationToken, allowFailure: true, "-D", DataDirectory, "status") == 0)
        {
            await RunServerToolAsync("pg_ctl", cancellationToken, "-D", DataDirectory, "-m", "fast", "-w", "stop");
        }

        await HandToServerUserAsync(cancellationToken);
        var settings = string.Join(' ',
            $"-c port={Port}",
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=''",
            $"-c max_connections={_options.MaxConnections}",
            _options.Durable ? "" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunServerToolAsync("pg_ctl", cancellationToken,
            "-D", DataDirectory, "-l", Path.Combine(_options.RootDirectory, "server.log"), "-o", settings, "-w", "-t", "60", "start");
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private async Task HandToServerUserAsync(CancellationToken cancellationToken)
    {
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", _options.RootDirectory], cancellationToken);
        }
    }

    private Task<int> RunServerToolAsync(string tool, CancellationToken cancellationToken, params string[] arguments) =>
        RunServerToolAsync(tool, cancellationToken, allowFailure: false, arguments);

    private Task<int> RunServerToolAsync(string tool, CancellationToken cancellationToken, bool allowFailure, params string[] arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return RunsAsRoot
            ? RunAsync("runuser", ["-u", SuperUser, "--", executable, .. arguments], cancellationToken, allowFailure)
            : RunAsync(executable, arguments, cancellationToken, allowFailure);
    }

    private static async Task<int> RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Keep the server out of the caller's directory (it may be unreadable to postgres).
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new EmbeddedPostgresException($"Could not start {fileName}.");
        // pg_ctl leaves the server holding its stdout open: read both streams without waiting for EOF forever.
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !allowFailure)
        {
            var reason = (await error).Trim() is { Length: > 0 } stderr ? stderr : (await output).Trim();
            throw new EmbeddedPostgresException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments.Take(4))} failed ({process.ExitCode}): {reason}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await RunServerToolAsync("pg_ctl", CancellationToken.None, allowFailure: true, "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        if (_options.Temporary)
        {
            Directory.Delete(_options.RootDirectory, recursive: true);
        }
    }
}
